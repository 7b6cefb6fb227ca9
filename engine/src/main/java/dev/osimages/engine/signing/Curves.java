package dev.osimages.engine.signing;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import org.bouncycastle.jce.ECNamedCurveTable;
import org.bouncycastle.jce.spec.ECNamedCurveParameterSpec;
import org.bouncycastle.math.ec.ECMultiplier;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;

/** P-256 checks and deriving a public key from a private one (BouncyCastle's curve arithmetic). */
final class Curves {
  private static final ECNamedCurveParameterSpec P256 = ECNamedCurveTable.getParameterSpec("P-256");

  private Curves() {}

  static boolean isP256(ECParameterSpec p) {
    return p.getCurve().getField().getFieldSize() == 256
        && p.getOrder().equals(P256.getN())
        && p.getGenerator().getAffineX().equals(P256.getG().getAffineXCoord().toBigInteger());
  }

  static PublicKey publicKeyOf(ECPrivateKey k) {
    ECMultiplier m = new FixedPointCombMultiplier();
    var q = m.multiply(P256.getG(), k.getS()).normalize();
    ECPoint w = new ECPoint(q.getAffineXCoord().toBigInteger(), q.getAffineYCoord().toBigInteger());
    try {
      return KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(w, k.getParams()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot derive the public key", e);
    }
  }
}
