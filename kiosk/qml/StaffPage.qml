pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import Lanyard.Kiosk
import "Bidi.js" as Bidi

// Staff mode: the printer's state always on top; below it, find a delegate by name or by scanning
// their badge, then print their badge again, or check a walk-in in and print their first one.
Rectangle {
    id: page

    required property StaffController staff

    color: "#f2f4f7"

    function printerText() {
        switch (page.staff.printerStatus) {
        case "ok": return qsTr("Printer ready")
        case "paper_out": return qsTr("Printer out of paper")
        case "offline": return qsTr("Printer offline")
        default: return qsTr("Printer error")
        }
    }
    function replicaText() {
        if (page.staff.replicaUpdatedMs <= 0) return qsTr("No copy yet")
        return qsTr("Copy from %1").arg(Qt.formatTime(new Date(page.staff.replicaUpdatedMs), "hh:mm"))
    }
    function problemText() {
        switch (page.staff.messageKey) {
        case "unreachable": return qsTr("The check-in server cannot be reached. Please try again in a moment.")
        case "print_failed": return qsTr("The badge could not be printed. Check the printer, then try again.")
        case "cancelled": return qsTr("This registration is cancelled: no badge.")
        case "unknown_code": return qsTr("This code belongs to no delegate.")
        default: return qsTr("That did not work. Please try again, or use the admin tools.")
        }
    }

    // Focus follows the step, so Enter does the obvious thing and the on-screen keyboard shows
    // only while the search field is in use.
    Connections {
        target: page.staff
        function onPageChanged() { page.focusStep() }
    }
    Component.onCompleted: focusStep()
    function focusStep() {
        switch (page.staff.page) {
        case StaffController.Home: field.forceActiveFocus(); break
        case StaffController.Person: personActions.first.forceActiveFocus(); break
        case StaffController.Printed:
        case StaffController.Problem: nextButton.forceActiveFocus(); break
        default: page.forceActiveFocus()
        }
    }

    // Staff mode's bar: what this is, the printer, and the way out.
    Rectangle {
        id: bar
        anchors { top: parent.top; left: parent.left; right: parent.right }
        height: 120
        color: "#1f2933"
        Row {
            anchors { left: parent.left; leftMargin: 24; verticalCenter: parent.verticalCenter }
            spacing: 32
            Rectangle {
                objectName: "printerState"
                anchors.verticalCenter: parent.verticalCenter
                width: printerLabel.implicitWidth + 40
                height: 72
                radius: 36
                color: page.staff.printerStatus === "ok" ? "#1e7b34" : "#b00020"
                Column {
                    id: printerLabel
                    anchors.centerIn: parent
                    Text {
                        text: page.printerText()
                        font.pixelSize: 28
                        font.bold: true
                        color: "#ffffff"
                    }
                    Text {
                        text: page.staff.printerDetail !== "" ? page.staff.printerName + ": " + page.staff.printerDetail
                                                             : page.staff.printerName
                        font.pixelSize: 20
                        color: "#ffffff"
                        elide: Text.ElideRight
                        width: Math.min(implicitWidth, 420)
                    }
                }
            }
        }
        BigButton {
            objectName: "leaveStaffMode"
            anchors { right: parent.right; rightMargin: 16; verticalCenter: parent.verticalCenter }
            implicitHeight: 88
            primary: false
            text: qsTr("Leave staff mode")
            onClicked: page.staff.close()
        }
    }

    // The link to the server, when the kiosk keeps a replica: online, or deciding on its copy with
    // decisions waiting for upload.
    Rectangle {
        id: connectionStrip
        objectName: "connectionState"
        anchors { top: bar.bottom; left: parent.left; right: parent.right }
        visible: page.staff.keepsReplica
        height: visible ? connectionText.implicitHeight + 16 : 0
        color: page.staff.workingOffline ? "#8a5a00" : "#1e7b34"
        Text {
            id: connectionText
            anchors { left: parent.left; right: parent.right; verticalCenter: parent.verticalCenter; margins: 24 }
            elide: Text.ElideRight
            text: (page.staff.workingOffline ? qsTr("Offline: using this kiosk's copy") : qsTr("Online")) + " · "
                  + qsTr("Waiting for upload: %1").arg(page.staff.queuedDecisions) + " · " + page.replicaText()
            font.pixelSize: 22
            font.bold: page.staff.workingOffline
            color: "#ffffff"
        }
    }

    Item {
        id: body
        anchors { top: connectionStrip.bottom; left: parent.left; right: parent.right; bottom: parent.bottom; margins: 24 }

        // Home: find the delegate.
        Item {
            anchors.fill: parent
            visible: page.staff.page === StaffController.Home

            Column {
                id: searchHeader
                width: parent.width
                spacing: 12
                TextField {
                    id: field
                    objectName: "staffSearchField"
                    width: parent.width
                    height: 84
                    leftPadding: 24
                    rightPadding: 24  // As wide: a right-to-left name sits on the right.
                    text: page.staff.searchQuery
                    placeholderText: qsTr("Name of the delegate")
                    placeholderTextColor: "#666666"
                    font.pixelSize: 40
                    color: "#111111"
                    inputMethodHints: Qt.ImhNoPredictiveText | Qt.ImhNoAutoUppercase
                    background: Rectangle {
                        radius: 12
                        border.width: field.activeFocus ? 6 : 3
                        border.color: field.activeFocus ? "#ffb000" : "#003a8c"
                    }
                    onTextEdited: page.staff.search(text)
                    Keys.onDownPressed: if (results.count > 0) results.itemAtIndex(0).forceActiveFocus()
                }
                // Until names are found: room for them under the on-screen keyboard matters more.
                Text {
                    width: parent.width
                    visible: results.count === 0
                    wrapMode: Text.WordWrap
                    text: qsTr("Find a delegate by name, or scan their badge or confirmation code. A walk-in must first be added at the help desk.")
                    font.pixelSize: 26
                    color: "#333333"
                }
            }
            ListView {
                id: results
                objectName: "staffSearchResults"
                anchors { top: searchHeader.bottom; topMargin: 16; left: parent.left; right: parent.right; bottom: parent.bottom }
                clip: true
                spacing: 12
                model: page.staff.searchResults
                keyNavigationEnabled: true
                delegate: BigButton {
                    id: match
                    required property real delegateId
                    required property string name
                    required property string affiliation
                    required property string organisation
                    width: ListView.view.width
                    height: 76
                    lines: 1
                    primary: false
                    // Staff also see the organisation, to tell two "Jan N., Brno" apart.
                    text: Bidi.matchLine(match.name, match.affiliation)
                          + (match.organisation !== "" && match.organisation !== match.affiliation
                             ? " · " + Bidi.isolate(match.organisation) : "")
                    onClicked: page.staff.choose(match.delegateId)
                }
            }
        }

        // Person: who, where they stand, and the print button.
        Column {
            anchors.fill: parent
            visible: page.staff.page === StaffController.Person
            spacing: 20

            Text {
                objectName: "staffPersonName"
                width: parent.width
                horizontalAlignment: Text.AlignLeft
                wrapMode: Text.WordWrap
                text: page.staff.personName
                font.pixelSize: 64
                font.bold: true
                color: "#111111"
            }
            Text {
                width: parent.width
                visible: text !== ""
                horizontalAlignment: Text.AlignLeft  // Under the name, mirrored too.
                wrapMode: Text.WordWrap
                text: page.staff.personLatinName
                font.pixelSize: 32
                color: "#333333"
            }
            Row {
                width: parent.width
                spacing: 20
                Rectangle {
                    id: categoryChip
                    visible: page.staff.categoryLabel !== ""
                    width: categoryText.implicitWidth + 40
                    height: 56
                    radius: 28
                    color: page.staff.categoryColour !== "" ? page.staff.categoryColour : "#444444"
                    Text {
                        id: categoryText
                        anchors.centerIn: parent
                        text: qsTranslate("Category", page.staff.categoryLabel)
                        font.pixelSize: 28
                        font.bold: true
                        color: Qt.colorEqual(parent.color, "#ffffff") ? "#111111" : "#ffffff"
                        style: Text.Outline
                        styleColor: "#33000000"
                    }
                }
                Text {
                    anchors.verticalCenter: parent.verticalCenter
                    width: parent.width - (categoryChip.visible ? categoryChip.width + parent.spacing : 0)
                    horizontalAlignment: Text.AlignLeft
                    wrapMode: Text.WordWrap
                    maximumLineCount: 2
                    elide: Text.ElideRight
                    text: page.staff.personAffiliation
                    font.pixelSize: 36
                    color: "#111111"
                }
            }
            Text {
                objectName: "staffPersonState"
                width: parent.width
                wrapMode: Text.WordWrap
                text: (page.staff.checkedInAt !== "" ? qsTr("Checked in: %1.").arg(page.staff.checkedInAt)
                                                    : qsTr("Not checked in yet."))
                      + " " + (page.staff.badgePrinted ? qsTr("A badge was printed before.")
                                                       : qsTr("No badge printed yet."))
                font.pixelSize: 32
                color: "#333333"
            }
            Text {
                objectName: "staffNotes"
                visible: page.staff.personNotes !== ""
                width: parent.width
                horizontalAlignment: Text.AlignLeft
                wrapMode: Text.WordWrap
                maximumLineCount: 3
                elide: Text.ElideRight
                text: qsTr("Notes: %1").arg(page.staff.personNotes)
                font.pixelSize: 32
                font.italic: true
                color: "#111111"
            }
            Text {
                objectName: "staffOldBadge"
                visible: page.staff.scannedOldBadge
                width: parent.width
                wrapMode: Text.WordWrap
                text: qsTr("The code scanned is from an old badge, which no longer works.")
                font.pixelSize: 32
                font.bold: true
                color: "#B71C1C"
            }
            ButtonPair {
                id: personActions
                availableWidth: parent.width
                spacing: 24
                first.objectName: "staffPrint"
                first.text: page.staff.checkedInAt === "" ? qsTr("Check in and print badge")
                            : page.staff.badgePrinted ? qsTr("Print badge again") : qsTr("Print badge")
                second.minimumWidth: 240
                second.text: qsTr("Back")
                onFirstClicked: page.staff.printBadge()
                onSecondClicked: page.staff.back()
            }
        }

        // Printing, printed, or what went wrong.
        Column {
            anchors.centerIn: parent
            width: parent.width
            spacing: 40
            visible: page.staff.page === StaffController.Printing || page.staff.page === StaffController.Printed
                     || page.staff.page === StaffController.Problem

            Text {
                objectName: "staffMessage"
                width: parent.width
                horizontalAlignment: Text.AlignHCenter
                wrapMode: Text.WordWrap
                text: page.staff.page === StaffController.Printing ? qsTr("Printing the badge of %1…").arg(Bidi.isolate(page.staff.personName))
                      : page.staff.page === StaffController.Printed ? qsTr("The badge of %1 is printed.").arg(Bidi.isolate(page.staff.personName))
                      : page.problemText()
                font.pixelSize: 52
                font.bold: true
                color: page.staff.page === StaffController.Problem ? "#a00000" : "#111111"
            }
            BigButton {
                id: nextButton
                objectName: "staffNext"
                anchors.horizontalCenter: parent.horizontalCenter
                visible: page.staff.page !== StaffController.Printing
                text: qsTr("Next delegate")
                onClicked: page.staff.back()
            }
        }
    }
}
