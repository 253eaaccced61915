// Moves focus to a page's heading after a navigation, so a screen reader announces the new page, as Blazor's
// FocusOnNavigate does; unlike it, never out of a field the user is typing in. The dashboard is not prerendered, so its
// first render (and this call) can come after someone has already clicked into the search box; taking the focus then
// closes the search and throws away what they typed.
window.hollerFocus = {
    heading(selector) {
        if (document.activeElement?.matches("input, textarea, select, [contenteditable]:not([contenteditable=false])")) return false;
        const heading = document.querySelector(selector);
        if (!heading) return false;
        heading.focus();
        return document.activeElement === heading;
    },
};
