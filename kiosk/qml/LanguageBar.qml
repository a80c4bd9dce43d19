pragma ComponentBehavior: Bound

import QtQuick
import Lanyard.Kiosk

// One button per kiosk language, each named in its own language (never translated), the current
// one filled in. They take as few rows as fit in `availableWidth`, shared out evenly and each row
// centred: all thirteen in two rows on a 1280-pixel screen. Mirrored, a row reads from the right.
Column {
    id: bar

    required property KioskController controller
    property real availableWidth: parent ? parent.width : 1120
    readonly property var names: ({
        "en": "English", "cs": "Čeština", "de": "Deutsch", "fr": "Français",
        "it": "Italiano", "lt": "Lietuvių", "uk": "Українська", "pl": "Polski",
        "nl": "Nederlands", "es": "Español", "el": "Ελληνικά", "ar": "العربية", "fa": "فارسی"
    })
    readonly property int chipSpacing: 10
    // The languages row by row.
    readonly property var rows: shareOut(controller.languages, availableWidth)

    spacing: chipSpacing

    // A language's button width: its name in bold with room either side, and a finger's width at least.
    function chipWidth(language) {
        return Math.max(104, Math.ceil(metrics.advanceWidth(names[language])) + 36)
    }
    // `languages` in order, cut into the fewest rows no wider than `width`, each about as wide as
    // the others: a button goes in the row where its middle falls when all stand in one line.
    function shareOut(languages, width) {
        const widths = languages.map(chipWidth)
        const total = widths.reduce((sum, w) => sum + w + chipSpacing, -chipSpacing)
        if (!(width > 0) || languages.length === 0) return [languages]  // Before the bar is laid out.
        for (let count = Math.min(languages.length, Math.max(1, Math.ceil(total / width))); ; ++count) {
            const rows = []
            let start = 0
            for (let i = 0; i < languages.length; ++i) {
                const row = Math.min(count - 1, Math.floor((start + widths[i] / 2) * count / total))
                while (rows.length <= row) rows.push([])
                rows[row].push(languages[i])
                start += widths[i] + chipSpacing
            }
            const rowWidth = r => r.reduce((sum, language) => sum + chipWidth(language) + chipSpacing, -chipSpacing)
            if (count >= languages.length || rows.every(r => rowWidth(r) <= width)) return rows
        }
    }

    FontMetrics {
        id: metrics
        font.pixelSize: 24
        font.bold: true
    }

    Repeater {
        model: bar.rows

        Row {
            id: row
            required property var modelData
            anchors.horizontalCenter: parent.horizontalCenter
            spacing: bar.chipSpacing

            Repeater {
                model: row.modelData

                Rectangle {
                    id: chip
                    required property string modelData
                    readonly property bool current: bar.controller.language === chip.modelData

                    objectName: "language_" + chip.modelData
                    width: bar.chipWidth(chip.modelData)
                    height: 60
                    radius: 12
                    color: chip.current ? "#003a8c" : "#ffffff"
                    border.width: chip.activeFocus ? 6 : 3
                    border.color: chip.activeFocus ? "#ffb000" : "#003a8c"
                    activeFocusOnTab: true
                    Accessible.role: Accessible.Button
                    Accessible.name: bar.names[chip.modelData]
                    Accessible.checked: chip.current

                    Text {
                        anchors.centerIn: parent
                        text: bar.names[chip.modelData]
                        font.pixelSize: 24
                        font.bold: chip.current
                        color: chip.current ? "#ffffff" : "#003a8c"
                    }
                    MouseArea {
                        anchors.fill: parent
                        onClicked: bar.controller.setLanguage(chip.modelData)
                    }
                    Keys.onSpacePressed: bar.controller.setLanguage(chip.modelData)
                }
            }
        }
    }
}
