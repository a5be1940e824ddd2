/**
 * The {@code embryo-stream} command line: one picocli command per service or tool, each resolving its settings
 * (defaults, file, environment, options) and starting the module that does the work. Commands that need an
 * optional module ({@code OptionalModule}: the embedded broker, the synthetic world) are offered only where it
 * is on the class path, so the service distribution runs without them. May use every module.
 */
package io.embryostream.launcher;
