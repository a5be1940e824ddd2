/**
 * The contract between the ingest and the vendors' export layouts: {@link io.embryostream.ingest.format.ExportFormat}
 * (one implementation per vendor package), the inventory of an export's wells and media, embryo identity and
 * the frame clock. May use {@code annotation}; knows no vendor and nothing of publishing.
 */
package io.embryostream.ingest.format;
