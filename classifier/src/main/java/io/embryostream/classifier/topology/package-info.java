/**
 * The classifier's Kafka Streams topology: named nodes, stores and sinks, built by one static
 * method from its own settings; tests reuse it. Uses every processing package, never the app.
 */
package io.embryostream.classifier.topology;
