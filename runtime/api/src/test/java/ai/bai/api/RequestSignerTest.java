package ai.bai.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The worked example of the protocol digest, computed independently with Python's hmac module. */
class RequestSignerTest {
    static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    static final String DATE = "2024-09-15T12:34:56.789012+00:00";

    @Test
    void signsTheDigestTestVectorForAJsonPost() {
        var input = new SigningInput("post", "/session", DATE, "127.0.0.1:8091", "application/json", "v8.20240915");
        assertEquals("46302c2046a18b583fa3e978466352cfacffbeb82c6cddbabd65d2906bbb096a",
                RequestSigner.sign(input, SECRET));
    }

    @Test
    void signsTheDigestTestVectorForAWebSocketHandshakeWithoutContentType() {
        var input = new SigningInput("GET", "/stream/session/mysess/tcpproxy?app=jupyter", DATE, "127.0.0.1:8091",
                null, "v8.20240915");
        assertEquals("837d2d527ab57f9dd64c198b9c6e7a69c1517c328af61fef76bd110515387202",
                RequestSigner.sign(input, SECRET));
    }

    @Test
    void contentTypeParametersAndCaseDoNotChangeTheSignature() {
        var plain = new SigningInput("POST", "/session", DATE, "127.0.0.1:8091", "application/json", "v8.20240915");
        var decorated = new SigningInput("POST", "/session", DATE, "127.0.0.1:8091",
                "Application/JSON; charset=utf-8", "v8.20240915");
        assertEquals(RequestSigner.sign(plain, SECRET), RequestSigner.sign(decorated, SECRET));
    }

    @Test
    void theSignatureCoversTheQueryString() {
        var a = new SigningInput("GET", "/events/session?sessionName=a", DATE, "h:1", null, "v9.20250722");
        var b = new SigningInput("GET", "/events/session?sessionName=b", DATE, "h:1", null, "v9.20250722");
        assertNotEquals(RequestSigner.sign(a, SECRET), RequestSigner.sign(b, SECRET));
    }

    @Test
    void rfc1123DatesSignWithTheSameDayKey() {
        var iso = new SigningInput("GET", "/", "2024-09-15T12:34:56+00:00", "h:1", null, "v9.20250722");
        var rfc = new SigningInput("GET", "/", "Sun, 15 Sep 2024 12:34:56 GMT", "h:1", null, "v9.20250722");
        // Different Date strings are part of the signed text, so only the derived key may coincide: both parse.
        assertEquals(SignatureDate.parse(iso.date()).toInstant(), SignatureDate.parse(rfc.date()).toInstant());
    }

    @Test
    void parsesTheAuthorizationHeader() {
        var h = AuthorizationHeader.parse("BackendAI signMethod=HMAC-SHA256, credential=AKIA:abc123");
        assertEquals(new AuthorizationHeader("HMAC-SHA256", "AKIA", "abc123"), h);
        assertThrows(IllegalArgumentException.class, () -> AuthorizationHeader.parse("Bearer xyz"));
        assertThrows(IllegalArgumentException.class, () -> AuthorizationHeader.parse("BackendAI credential=nocolon"));
    }

    @Test
    void rejectsNonHmacSignMethods() {
        var input = new SigningInput("GET", "/", DATE, "h:1", null, "v9.20250722");
        assertThrows(IllegalArgumentException.class, () -> RequestSigner.sign(input, SECRET, "RSA-SHA256"));
        assertEquals(40, RequestSigner.sign(input, SECRET, "HMAC-SHA1").length());
    }

    @Test
    void parsesApiVersions() {
        assertEquals(ApiVersion.V9_20250722, ApiVersion.parse("v9.20250722"));
        assertEquals(true, ApiVersion.parse("v6.20220315").isSupported());
        assertEquals(false, ApiVersion.parse("v3.20170615").isSupported());
        assertThrows(IllegalArgumentException.class, () -> ApiVersion.parse("9.2025"));
    }
}
