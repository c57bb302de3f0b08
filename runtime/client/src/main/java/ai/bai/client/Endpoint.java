package ai.bai.client;

import java.net.URI;

/** A manager to talk to and the keypair to sign with. */
public record Endpoint(URI url, String accessKey, String secretKey) {
    public Endpoint {
        if (url.getPath() != null && url.getPath().endsWith("/") && url.getPath().length() > 1) {
            url = URI.create(url.toString().replaceAll("/+$", ""));
        }
    }

    @Override
    public String toString() {
        return "Endpoint[" + url + ", access key " + accessKey + "]";  // never print the secret
    }
}
