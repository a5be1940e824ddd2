/**
 * The running application: configuration (defaults, file, environment, options), Kafka Streams
 * lifecycle, model refresh, /metrics and /health. Top of the classifier: may use every package.
 */
package io.embryostream.classifier.app;
