import QtQuick

// One button per kiosk language, each named in its own language (never translated).
Row {
    id: bar

    required property var controller
    readonly property var names: ({
        "en": "English", "cs": "Čeština", "de": "Deutsch", "fr": "Français",
        "it": "Italiano", "lt": "Lietuvių", "uk": "Українська"
    })

    spacing: 16

    Repeater {
        model: bar.controller.languages

        Rectangle {
            id: chip
            required property string modelData
            readonly property bool current: bar.controller.language === modelData

            width: Math.max(150, name.implicitWidth + 40)
            height: 80
            radius: 12
            color: current ? "#003a8c" : "#ffffff"
            border.width: activeFocus ? 6 : 3
            border.color: activeFocus ? "#ffb000" : "#003a8c"
            activeFocusOnTab: true
            Accessible.role: Accessible.Button
            Accessible.name: bar.names[modelData]

            Text {
                id: name
                anchors.centerIn: parent
                text: bar.names[chip.modelData]
                font.pixelSize: 28
                font.bold: chip.current
                color: chip.current ? "#ffffff" : "#003a8c"
            }
            MouseArea {
                anchors.fill: parent
                onClicked: bar.controller.setLanguage(chip.modelData)
            }
            Keys.onSpacePressed: bar.controller.setLanguage(modelData)
        }
    }
}
