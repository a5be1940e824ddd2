/**
 * EmbryoScope (Vitrolife) exports: the EXPORT.xls sheet (patient columns read and never passed on), video
 * names and embryo ids, behind {@link io.embryostream.ingest.embryoscope.EmbryoScopeExport}. May use
 * {@code annotation} and {@code format}; no other vendor package.
 */
package io.embryostream.ingest.embryoscope;
