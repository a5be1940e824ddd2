/**
 * Which export a folder holds, and which exports an archive (a folder of them at any depth, or several
 * folders) holds: the one place that knows every vendor's {@link io.embryostream.ingest.format.ExportFormat}.
 * May use {@code format}, {@code annotation} and the vendor packages.
 */
package io.embryostream.ingest.layout;
