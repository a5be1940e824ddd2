package io.embryostream.classifier.assemble;

import java.util.List;

/** What assembling needs of the models: the version a new embryo takes, and the planes a version reads. */
public interface ModelPlanes {

    /** The version new embryos start on. */
    String newestVersion();

    /** The focal planes the model of {@code version} reads (the newest model's when that version is gone). */
    List<Integer> planes(String version);
}
