package org.gantry.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The digest a file must have: SHA-256 where we computed it ourselves, MD5 where the publisher
 * gives nothing stronger (CIFAR-10).
 *
 * @param algorithm a {@link MessageDigest} name, {@code SHA-256} or {@code MD5}
 * @param hex the expected value, lower-case hexadecimal
 */
public record FileDigest(String algorithm, String hex) {

    public FileDigest {
        hex = hex.toLowerCase(Locale.ROOT);
    }

    public static FileDigest sha256(String hex) {
        return new FileDigest("SHA-256", hex);
    }

    public static FileDigest md5(String hex) {
        return new FileDigest("MD5", hex);
    }

    /** The digest of {@code file} with this algorithm, lower-case hexadecimal. */
    public String compute(Path file) throws IOException {
        return hexDigest(algorithm, file);
    }

    /** The {@code algorithm} digest of {@code file}, lower-case hexadecimal. */
    public static String hexDigest(String algorithm, Path file) throws IOException {
        MessageDigest md = digest(algorithm);
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /** The {@code algorithm} digest of {@code bytes}, lower-case hexadecimal. */
    public static String hexDigest(String algorithm, byte[] bytes) {
        return HexFormat.of().formatHex(digest(algorithm).digest(bytes));
    }

    private static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e); // every JDK has SHA-256 and MD5
        }
    }

    public boolean matches(Path file) throws IOException {
        return compute(file).equals(hex);
    }

    @Override
    public String toString() {
        return algorithm + " " + hex;
    }
}
