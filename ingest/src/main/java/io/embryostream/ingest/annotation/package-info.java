/**
 * What the vendors' annotation sheets have in common: spreadsheet cells read as hours, header cells,
 * a well's annotation ({@link io.embryostream.ingest.annotation.WellAnnotation}) and the typed error
 * that names the file, well or cell at fault. Uses the staging rules of {@code schemas}; knows no vendor.
 */
package io.embryostream.ingest.annotation;
