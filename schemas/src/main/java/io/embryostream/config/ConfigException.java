package io.embryostream.config;

/** A setting is missing or malformed; the message names the key and how to set it. */
public class ConfigException extends RuntimeException {

    public ConfigException(String message) {
        super(message);
    }
}
