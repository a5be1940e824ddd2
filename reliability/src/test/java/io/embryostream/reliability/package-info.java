/**
 * The fault campaign (tests only): a 3-broker KRaft cluster behind TCP proxies of its own, classifier, ingest and
 * alert-delivery JVMs killed with SIGKILL and restarted, brokers restarted, instances scaled, and verifiers that
 * read {@code read_committed} and count every duplicate and every loss. May use every module.
 */
package io.embryostream.reliability;
