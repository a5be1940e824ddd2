/**
 * The canonical frame as the system carries it: its geometry ({@code CanonicalFrame}), how a {@code FrameEvent}
 * holds it (raw GRAY8 or PNG, {@code CanonicalImages}; one plane or a time point's planes, {@code FramePlanes}),
 * the PNG codec and the model's downscale. May use the generated schema classes, {@code codec} and {@code identity}
 * (frame ids); nothing else.
 */
package io.embryostream.frames;
