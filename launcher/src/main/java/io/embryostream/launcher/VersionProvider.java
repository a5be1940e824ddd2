package io.embryostream.launcher;

import picocli.CommandLine;

/** The version from the jar manifest (the Maven project version), or "development". */
final class VersionProvider implements CommandLine.IVersionProvider {

    @Override
    public String[] getVersion() {
        String v = EmbryoStream.class.getPackage().getImplementationVersion();
        return new String[] {"embryo-stream " + (v == null ? "development build" : v)};
    }
}
