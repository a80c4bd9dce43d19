pragma ComponentBehavior: Bound

import QtQuick

// Each kiosk's health: alive or silent, when last seen, its printer, what it did; a silent kiosk's
// printer is unknown (grey). Below them, the help desk's and admins' devices that checked people
// in, then revoked ones: neither sends heartbeats, so neither is alive or silent.
PanelFrame {
    id: panel
    required property var model  // KioskModel
    property int alive: 0
    property int kiosks: 0  // Kiosks whose tokens work.
    title: "Kiosks"
    note: kiosks > 0 ? alive + " of " + kiosks + " alive" : ""

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
            required property bool printerKnown
            required property string printerDetail
            required property int scans
            required property int admitted
            required property int prints
            required property int printFailures
            required property string lastPrintError
            required property bool isKiosk
            required property string deviceRole
            required property bool revoked
            required property bool neverSeen
            // A kiosk whose silence matters.
            readonly property bool watched: isKiosk && !revoked
            width: list.width
            height: panel.unit * 2.8

            Rectangle {
                id: dot
                objectName: "aliveDot"
                anchors { left: parent.left; top: parent.top; topMargin: panel.unit * 0.3 }
                width: panel.unit * 0.9
                height: width
                radius: width / 2
                color: !row.watched ? "#5C6670" : row.alive ? "#66BB6A" : row.neverSeen ? "#FFB74D" : "#EF5350"
            }
            Text {
                id: printerText
                anchors { right: parent.right; top: parent.top }
                text: row.revoked ? "Token revoked" : row.isKiosk ? "Printer: " + row.printer : row.deviceRole
                color: !row.watched || !row.printerKnown ? "#9AA7B4" : row.printerOk ? "#81C784" : "#FFB74D"
                font.pixelSize: panel.unit * 1.0
                font.bold: row.watched && row.printerKnown && !row.printerOk
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
                // A kiosk that never called is being set up, or cannot reach the server yet.
                text: (row.watched && row.neverSeen ? "not connected yet"
                       : (!row.watched ? "last seen " : row.alive ? "seen " : "silent, last seen ") + row.lastSeen)
                      + " \u00b7 " + row.scans + (row.scans === 1 ? " scan, " : " scans, ") + row.admitted + " admitted"
                      + (row.isKiosk ? ", " + row.prints + (row.prints === 1 ? " badge" : " badges") : "")
                      + (row.printFailures > 0 ? ", " + row.printFailures + " failed (" + row.lastPrintError + ")" : "")
                      + (row.printerDetail !== "" && !row.printerOk && row.watched ? " \u00b7 " + row.printerDetail : "")
                elide: Text.ElideRight
                color: row.alive || !row.watched ? "#9AA7B4" : row.neverSeen ? "#FFCC80" : "#EF9A9A"
                font.pixelSize: panel.unit * 0.85
            }
        }
    }
}
