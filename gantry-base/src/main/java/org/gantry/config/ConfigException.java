package org.gantry.config;

/**
 * A configuration the user gave that Gantry cannot accept: an unknown key, a value out of range, a
 * missing or unreadable file. The message is written for the user and names the offending key,
 * value or file; the command line turns it into exit code 2.
 */
public class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
