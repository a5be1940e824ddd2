/**
 * Synthetic training sets: a cohort rendered straight into the ingest's dataset writer, with the renderer's
 * ground truth as labels. May use {@code embryo}, {@code simulate} and the ingest's {@code dataset} package.
 */
package io.embryostream.synthetic.dataset;
