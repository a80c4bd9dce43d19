import QtQuick
import QtQuick.VirtualKeyboard

// The on-screen keyboard for touch-only kiosks, across the bottom of the window. Its keys grow with
// its width and its height with them, so it is at most 1024 pixels wide, centred on a band of its
// own colour: on a 1280×800 screen that leaves the page 480 pixels instead of 400. Main.qml and
// the layout test both size it from here.
Item {
    id: keyboard

    readonly property bool active: panel.active
    // Qt 6.4's Latin layouts size Shift, Enter and the symbol keys from where the W key sits
    // (functionKeyWidth in the fallback layout), a value read again only when W's width changes.
    // Laid out once at a fixed width, it keeps what it read before the keys were placed, and those
    // keys come out a few pixels wide. So each new layout is drawn one frame at one pixel less,
    // which places the keys again with their positions known: 2 = narrow at the next frame, 1 =
    // narrow now, restore at the next frame.
    property int relayout: 0

    implicitHeight: panel.height

    // Qt's layout for a locale ("ar_EG"): Qt 6.4 names its Arabic and Persian layouts "ar_AR" and
    // "fa_FA", which no QLocale is; the others by their locale. Qt passes over a name it has no
    // layout for (Lithuanian's) and opens British English.
    readonly property var layoutNames: ({ "ar": "ar_AR", "fa": "fa_FA" })
    function layoutFor(locale) {
        return keyboard.layoutNames[locale.split("_")[0]] || locale
    }
    // The layout to show for `locale` now: layoutFor(`locale`), or British English while a field
    // for Latin letters only (an e-mail address) has focus and that layout has no Latin page, as
    // Qt 6.4's Arabic and Persian ones have not.
    function shownLayoutFor(locale) {
        const latinOnly = (InputContext.inputMethodHints & Qt.ImhLatinOnly) !== 0
        return latinOnly && Qt.locale(locale).textDirection === Qt.RightToLeft ? "en_GB" : layoutFor(locale)
    }

    Connections {
        target: panel.keyboard.keyboardLayoutLoader  // Internal to the InputPanel in Qt 6.4.
        function onItemChanged() { keyboard.relayout = 2 }
    }
    Connections {
        target: keyboard.Window.window
        enabled: keyboard.relayout > 0
        function onFrameSwapped() { keyboard.relayout -= 1 }
    }

    Rectangle {
        anchors.fill: parent
        color: "#263238"  // The default style's keyboard background.
    }
    InputPanel {
        id: panel
        objectName: "keyboard"
        anchors.horizontalCenter: parent.horizontalCenter
        width: Math.min(parent.width, 1024) - (keyboard.relayout === 1 ? 1 : 0)
    }
}
