package ai.bai.launcher

import ai.bai.api.RequestSigner
import ai.bai.api.SignatureDate
import ai.bai.api.SigningInput

import java.time.OffsetDateTime

/** Reads the event stream the way an SSE client does, signed, for a while: the id: and event: lines it got. */
class Sse {
    static List<String> read(URI manager, String accessKey, String secretKey, String lastEventId, int millis = 1500,
                             String query = 'sessionName=*&scope=session') {
        def target = "/events/session?$query"
        def c = new URL(manager.toString() + target).openConnection() as HttpURLConnection
        def date = SignatureDate.format(OffsetDateTime.now())
        def sig = RequestSigner.sign(new SigningInput('GET', target, date, manager.authority, null, 'v9.20250722'),
                secretKey)
        c.setRequestProperty('Date', date)
        c.setRequestProperty('X-BackendAI-Version', 'v9.20250722')
        c.setRequestProperty('Authorization', RequestSigner.authorization(accessKey, sig))
        if (lastEventId != null) {
            c.setRequestProperty('Last-Event-ID', lastEventId)
        }
        c.readTimeout = millis
        def lines = []
        try {
            c.inputStream.eachLine { lines << it }
        } catch (SocketTimeoutException ignored) {
            // the stream never ends by itself
        }
        lines.findAll { it.startsWith('id: ') || it.startsWith('event: ') }
    }

    static List<Long> ids(List<String> frames) {
        frames.findAll { it.startsWith('id: ') }.collect { it.substring(4) as long }
    }
}
