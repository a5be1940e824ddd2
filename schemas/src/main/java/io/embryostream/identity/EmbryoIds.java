package io.embryostream.identity;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Embryo ids for record keys: HMAC-SHA256 of the source's own embryo identity (slide id + well,
 * an EmbryoScope embryo id, a Gomez folder name…) under the clinic's secret, hex-encoded. Stable
 * for a clinic (the same export always yields the same keys, so republishing creates no new work
 * downstream), not reversible without the secret, and never a name, patient id or path.
 */
public final class EmbryoIds {

    /** Hex characters kept: 128 bits, ample against collisions among a clinic's embryos. */
    private static final int ID_HEX_LENGTH = 32;
    private static final int MIN_SECRET_BYTES = 16;

    private final SecretKeySpec key;

    public EmbryoIds(String clinicSecret) {
        if (clinicSecret == null || clinicSecret.getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("the clinic secret (setting clinic.secret, env EMBRYO_CLINIC_SECRET)"
                    + " must be at least " + MIN_SECRET_BYTES + " bytes; generate one with `openssl rand -hex 32`"
                    + " and keep it: changing it changes every embryo id");
        }
        this.key = new SecretKeySpec(clinicSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    /** The embryo id for a source identity such as {@code "miri:MTL-0130-0EFD-D6E0-[37]:P03"}. */
    public String embryoId(String sourceIdentity) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] h = mac.doFinal(sourceIdentity.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(h).substring(0, ID_HEX_LENGTH);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 unavailable in this JVM", e);
        }
    }

    /** The deterministic frame id: embryo, time point and focal plane. */
    public static String frameId(String embryoId, int timePoint, int focalPlane) {
        return embryoId + ":" + timePoint + ":" + focalPlane;
    }
}
