import QtQuick
import Lanyard.Kiosk
import QtQuick.Controls
import "Bidi.js" as Bidi

// A name found by search proves itself before a badge prints: the first letters of the e-mail
// address the delegate registered with. The server checks them; the kiosk never sees the address.
Rectangle {
    id: page

    required property KioskController controller

    color: "#ffffff"
    Component.onCompleted: field.forceActiveFocus()

    function send() {
        if (field.text.trim().length > 0) page.controller.submitProof(field.text)
    }

    // Compact: the on-screen keyboard takes the bottom of the screen while this page is up.
    Column {
        anchors { top: parent.top; left: parent.left; right: parent.right; margins: 24 }
        spacing: 16

        Text {
            objectName: "proofHeading"
            width: parent.width
            horizontalAlignment: Text.AlignLeft
            wrapMode: Text.WordWrap
            text: qsTr("%1, please confirm it is you").arg(Bidi.isolate(page.controller.delegateName))
            font.pixelSize: 48
            font.bold: true
            color: "#111111"
        }
        Text {
            width: parent.width
            wrapMode: Text.WordWrap
            text: qsTr("Type the first %n letter(s) of the e-mail address you registered with.", "", page.controller.proofLength)
            font.pixelSize: 36
            color: "#111111"
        }
        Text {
            objectName: "proofRejected"
            width: parent.width
            visible: page.controller.proofRejected
            wrapMode: Text.WordWrap
            text: qsTr("That does not match. %n try/tries left.", "", page.controller.proofAttemptsLeft)
            font.pixelSize: 36
            font.bold: true
            color: "#a61b00"
        }
        Row {
            id: entry
            spacing: 16
            TextField {
                id: field
                objectName: "proofField"
                width: 300
                height: 96
                maximumLength: Math.max(1, page.controller.proofLength)
                leftPadding: 24
                font.pixelSize: 56
                font.letterSpacing: 8
                color: "#111111"
                // E-mail addresses are in Latin letters: Latin-only turns the on-screen keyboard to
                // its Latin page whatever the language (Ukrainian's Cyrillic layout has one) and
                // disables the switch back; the name search keeps the language's own letters.
                inputMethodHints: Qt.ImhNoPredictiveText | Qt.ImhNoAutoUppercase | Qt.ImhPreferLowercase
                                  | Qt.ImhSensitiveData | Qt.ImhLatinOnly
                background: Rectangle {
                    radius: 12
                    border.width: field.activeFocus ? 6 : 3
                    border.color: field.activeFocus ? "#ffb000" : "#003a8c"
                }
                onAccepted: page.send()
            }
            BigButton {
                height: 96
                maximumWidth: entry.parent.width - field.width - cancel.width - 2 * entry.spacing
                text: qsTr("Check in")
                onClicked: page.send()
            }
            BigButton {
                id: cancel
                height: 96
                minimumWidth: 240
                primary: false
                text: qsTr("Cancel")
                onClicked: page.controller.startOver()
            }
        }
    }
}
