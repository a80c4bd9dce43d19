.pragma library

// Titles, rooms and category labels come in any script. Leading a line ("<room> · attended 12"),
// a right-to-left one would turn the whole line right to left: a first-strong isolate (U+2068 ...
// U+2069) keeps it in its own order and leaves the line's direction to the words around it. The
// marks take no room on screen. The kiosk has the same helper in its own module.
function isolate(text) {
    return text === "" ? "" : "\u2068" + text + "\u2069"
}
