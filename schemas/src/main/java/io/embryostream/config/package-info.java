/**
 * Layered settings (defaults, properties file, environment, options) with origins, the
 * environment-variable rule, masking, and the typed configuration errors every service reports.
 * Uses only the JDK and kafka-clients (for the Kafka client config names).
 */
package io.embryostream.config;
