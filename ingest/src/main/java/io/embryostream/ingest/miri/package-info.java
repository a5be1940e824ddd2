/**
 * MIRI (Esco) exports: summary workbooks, video names, the correspondence sheet, the focal-plane table and the
 * 5-minute clock, all behind {@link io.embryostream.ingest.miri.MiriExport}. May use {@code annotation} and
 * {@code format}; no other vendor package.
 */
package io.embryostream.ingest.miri;
