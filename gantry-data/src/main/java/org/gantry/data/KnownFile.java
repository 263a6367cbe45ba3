package org.gantry.data;

import java.net.URI;

/**
 * A published file Gantry can download: where it is, the name it gets in the cache, and the digest
 * that proves the bytes are the publisher's.
 */
public record KnownFile(String fileName, URI url, FileDigest digest) {}
