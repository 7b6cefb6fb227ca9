package dev.osimages.engine.push;

import java.util.List;

/**
 * What pushing one set did: the manifest digest, the references it is under, whether anything was
 * sent ({@code pushed} false: every tag already named this manifest), and the layer bytes uploaded.
 */
public record PushResult(
    String cell, String digest, List<String> references, boolean pushed, long bytesSent) {
  public PushResult {
    references = List.copyOf(references);
  }
}
