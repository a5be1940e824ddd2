/**
 * The synthetic incubator ({@code simulate}): incubators x slides x wells in accelerated time, rendered and
 * published through the ingest's one {@code FramePublisher} and sinks. May use {@code embryo} and the ingest's
 * {@code publish} package.
 */
package io.embryostream.synthetic.simulate;
