// Words the reconnect panel for each state Blazor reports, keeps retrying while the server is away, and reloads the
// page when the server no longer knows this circuit (it restarted): the dashboard then comes back on its own.
(() => {
    const modal = document.getElementById("components-reconnect-modal");
    if (!modal) return;
    const title = document.getElementById("holler-reconnect-title");
    const detail = document.getElementById("holler-reconnect-detail");
    let retry = null;

    function stopRetry() {
        if (retry !== null) { clearInterval(retry); retry = null; }
    }

    modal.addEventListener("components-reconnect-state-changed", e => {
        const state = e.detail.state;
        document.body.dataset.connection = state;
        if (state === "show" || state === "retrying") {
            title.textContent = "Connection to the server lost";
            detail.textContent = e.detail.currentAttempt ? `Reconnecting… (attempt ${e.detail.currentAttempt})` : "Reconnecting…";
        } else if (state === "failed") {
            title.textContent = "The server is not answering";
            detail.textContent = "Still trying every few seconds…";
            stopRetry();
            retry = setInterval(async () => {
                try {
                    const ok = await Blazor.reconnect();
                    if (!ok) location.reload();
                } catch { /* server still away: try again */ }
            }, 5000);
        } else if (state === "rejected") {
            location.reload();
        } else if (state === "hide" || state === "resume") {
            stopRetry();
        }
    });
})();
