/**
 * Avro single-object encoding of events and state values ({@code EventCodec}, {@code StateCodec}), every released
 * schema version ({@code ReleasedSchemas}) and the build-time check that the current schemas read them
 * ({@code ReleasedSchemaCheck}); the trust Avro needs to instantiate the generated classes ({@code TrustedClasses}).
 * May use the generated schema classes only.
 */
package io.embryostream.schemas.codec;
