pragma ComponentBehavior: Bound

import QtQuick
import Lanyard.Kiosk

// Staff mode's door: the staff PIN on a number pad (or typed on a keyboard), checked by the server.
Rectangle {
    id: page

    required property StaffController staff
    property string pin: ""

    color: "#f2f4f7"
    focus: true
    Component.onCompleted: forceActiveFocus()

    function press(digit) {
        if (page.pin.length < 12) page.pin += digit
    }
    function submit() {
        if (page.pin.length >= 4) page.staff.submitPin(page.pin)
        page.pin = ""
    }

    Keys.onPressed: (event) => {
        if (event.text >= "0" && event.text <= "9" && event.text.length === 1) {
            page.press(event.text)
            event.accepted = true
        } else if (event.key === Qt.Key_Backspace) {
            page.pin = page.pin.slice(0, -1)
            event.accepted = true
        } else if (event.key === Qt.Key_Return || event.key === Qt.Key_Enter) {
            page.submit()
            event.accepted = true
        } else if (event.key === Qt.Key_Escape) {
            page.staff.close()
            event.accepted = true
        }
    }

    // Landscape: what to do on the left, the number pad on the right.
    Row {
        anchors.centerIn: parent
        spacing: 64

        Column {
            anchors.verticalCenter: parent.verticalCenter
            width: 520
            spacing: 32

            Text {
                anchors.left: parent.left  // On the right when mirrored.
                text: qsTr("Staff mode")
                font.pixelSize: 56
                font.bold: true
                color: "#111111"
            }
            Text {
                objectName: "pinMessage"
                width: parent.width
                wrapMode: Text.WordWrap
                text: {
                    switch (page.staff.messageKey) {
                    case "wrong_pin": return qsTr("Wrong PIN. Please try again.")
                    case "locked_out": return qsTr("Too many wrong PINs. This kiosk is locked for staff for a while.")
                    case "staff_mode_off": return qsTr("This event has no staff PIN. An admin can set one.")
                    case "unreachable": return qsTr("The check-in server cannot be reached. Please try again in a moment.")
                    case "failed": return qsTr("Staff mode could not be opened. Please try again.")
                    default: return page.staff.busy ? qsTr("Checking…") : qsTr("Enter the staff PIN.")
                    }
                }
                font.pixelSize: 32
                font.bold: page.staff.messageKey !== ""
                color: page.staff.messageKey !== "" ? "#a00000" : "#333333"
            }
            // One dot per digit typed; the digits themselves are never shown.
            Rectangle {
                width: parent.width
                height: 88
                radius: 12
                color: "#ffffff"
                border.width: 3
                border.color: "#003a8c"
                Text {
                    objectName: "pinDots"
                    anchors.centerIn: parent
                    text: "●".repeat(page.pin.length)
                    font.pixelSize: 40
                    font.letterSpacing: 12
                    color: "#111111"
                }
            }
            BigButton {
                objectName: "staffCancel"
                anchors.left: parent.left  // On the right when mirrored.
                primary: false
                text: qsTr("Cancel")
                onClicked: page.staff.close()
            }
        }

        Grid {
            anchors.verticalCenter: parent.verticalCenter
            LayoutMirroring.enabled: false  // A number pad reads 1 2 3 in every language.
            columns: 3
            spacing: 16
            Repeater {
                model: ["1", "2", "3", "4", "5", "6", "7", "8", "9", "⌫", "0", "OK"]
                delegate: BigButton {
                    id: key
                    required property string modelData
                    objectName: "pinKey" + modelData
                    implicitWidth: 150
                    implicitHeight: 120
                    primary: modelData === "OK"
                    text: modelData
                    Accessible.name: key.modelData === "⌫" ? qsTr("Delete") : key.modelData
                    onClicked: {
                        if (key.modelData === "OK") page.submit()
                        else if (key.modelData === "⌫") page.pin = page.pin.slice(0, -1)
                        else page.press(key.modelData)
                    }
                }
            }
        }
    }
}
