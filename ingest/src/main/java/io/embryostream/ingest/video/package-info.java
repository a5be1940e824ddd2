/**
 * Reading the frames of a vendor's video with FFmpeg (JavaCV), with typed errors that name the file. Reads
 * only: the synthetic export writers live in module {@code synthetic}.
 */
package io.embryostream.ingest.video;
