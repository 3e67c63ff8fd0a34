import Synchronization

/// Tells every open page that the site changed, over Server-Sent Events.
final class LiveReload: Sendable {
    /// The reserved path of the event stream; the built site can never have a file there.
    static let eventsPath = "/.warta/events"

    enum Change: String, Sendable {
        /// Reload the page.
        case reload
        /// Only stylesheets changed: swap them without a reload.
        case css
    }

    private let subscribers = Mutex<[Int: AsyncStream<Change>.Continuation]>([:])
    private let nextID = Atomic<Int>(0)

    /// A stream of changes for one connection; it ends when the connection does.
    func subscribe() -> AsyncStream<Change> {
        let id = nextID.add(1, ordering: .relaxed).newValue
        let (stream, continuation) = AsyncStream<Change>.makeStream(bufferingPolicy: .bufferingNewest(4))
        continuation.onTermination = { [weak self] _ in
            _ = self?.subscribers.withLock { $0.removeValue(forKey: id) }
        }
        subscribers.withLock { $0[id] = continuation }
        return stream
    }

    func broadcast(_ change: Change) {
        let all = subscribers.withLock { Array($0.values) }
        for continuation in all { continuation.yield(change) }
    }

    /// Injected before `</body>` of every HTML page the preview serves (never into the built files).
    /// It reconnects by itself when the server restarts, and then reloads once.
    static let script = """
    <script>
    (function () {
      var seenOpen = false;
      function connect() {
        var source = new EventSource("\(eventsPath)");
        source.onopen = function () {
          if (seenOpen === "lost") { location.reload(); }
          seenOpen = true;
          window.wartaLiveReload = "connected";
        };
        source.addEventListener("reload", function () { location.reload(); });
        source.addEventListener("css", function () {
          document.querySelectorAll('link[rel="stylesheet"]').forEach(function (link) {
            var url = new URL(link.href); url.searchParams.set("v", Date.now()); link.href = url.toString();
          });
        });
        source.onerror = function () { source.close(); if (seenOpen) { seenOpen = "lost"; } setTimeout(connect, 1000); };
      }
      connect();
    })();
    </script>
    """
}
