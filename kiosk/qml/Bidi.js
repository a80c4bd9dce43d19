.pragma library

// Names, organisations and places come in any script. Set into a sentence or a "name, city" line,
// a right-to-left name would turn the whole line right to left ("please confirm it is you ,محمد د."):
// a first-strong isolate (U+2068 ... U+2069) keeps it in its own order and leaves the line's
// direction to the words around it. The marks take no room on screen.
function isolate(text) {
    return text === "" ? "" : "\u2068" + text + "\u2069"
}

// A search match as its list shows it: "Simona B., Vilnius".
function matchLine(name, affiliation) {
    return affiliation !== "" ? isolate(name) + ", " + isolate(affiliation) : name
}
