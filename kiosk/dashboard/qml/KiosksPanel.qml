import QtQuick

// Each kiosk's health: alive or silent, when last seen, its printer, what it did.
PanelFrame {
    id: panel
    required property var model  // KioskModel
    property int alive: 0
    title: "Kiosks"
    note: model.count > 0 ? alive + " of " + model.count + " alive" : ""

    Text {
        anchors.centerIn: parent
        visible: panel.model.count === 0
        text: "No kiosk has reported yet"
        color: "#9AA7B4"
        font.pixelSize: panel.unit * 1.2
    }

    ListView {
        id: list
        anchors.fill: parent
        clip: true
        spacing: panel.unit * 0.4
        model: panel.model
        boundsBehavior: Flickable.StopAtBounds

        delegate: Item {
            id: row
            required property string name
            required property bool alive
            required property string lastSeen
            required property string printer
            required property bool printerOk
            required property string printerDetail
            required property int scans
            required property int admitted
            required property int prints
            required property int printFailures
            required property string lastPrintError
            width: list.width
            height: panel.unit * 2.8

            Rectangle {
                id: dot
                objectName: "aliveDot"
                anchors { left: parent.left; top: parent.top; topMargin: panel.unit * 0.3 }
                width: panel.unit * 0.9
                height: width
                radius: width / 2
                color: row.alive ? "#66BB6A" : "#EF5350"
            }
            Text {
                id: printerText
                anchors { right: parent.right; top: parent.top }
                text: "Printer: " + row.printer
                color: row.printerOk ? "#81C784" : row.printer === "Not reported" ? "#9AA7B4" : "#FFB74D"
                font.pixelSize: panel.unit * 1.0
                font.bold: !row.printerOk
            }
            Text {
                anchors { left: dot.right; leftMargin: panel.unit * 0.6; right: printerText.left; rightMargin: panel.unit }
                horizontalAlignment: Text.AlignLeft
                text: row.name
                elide: Text.ElideRight
                color: "#FFFFFF"
                font.pixelSize: panel.unit * 1.1
                font.bold: true
            }
            Text {
                anchors {
                    left: dot.right; leftMargin: panel.unit * 0.6; right: parent.right
                    top: parent.top; topMargin: panel.unit * 1.45
                }
                horizontalAlignment: Text.AlignLeft
                text: (row.alive ? "seen " : "silent, last seen ") + row.lastSeen + " \u00b7 " + row.scans + " scans, "
                      + row.admitted + " admitted, " + row.prints + " badges"
                      + (row.printFailures > 0 ? ", " + row.printFailures + " failed (" + row.lastPrintError + ")" : "")
                      + (row.printerDetail !== "" && !row.printerOk ? " \u00b7 " + row.printerDetail : "")
                elide: Text.ElideRight
                color: row.alive ? "#9AA7B4" : "#EF9A9A"
                font.pixelSize: panel.unit * 0.85
            }
        }
    }
}
