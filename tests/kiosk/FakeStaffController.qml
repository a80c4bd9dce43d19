import QtQuick
import Lanyard.Kiosk

// A QML stand-in for StaffController: the properties the staff pages read, and calls they make
// recorded.
QtObject {
    property bool available: true
    property bool active: true
    property int page: StaffController.Pin
    property bool busy: false
    property string messageKey: ""
    property string printerStatus: "paper_out"
    property string printerDetail: "media-empty"
    property string printerName: "badges"
    property string searchQuery: ""
    property var searchResults: []
    property string personName: "Тарас Шевченко"
    property string personLatinName: "Taras Shevchenko"
    property string personAffiliation: "Kyiv City Council"
    property string personNotes: ""
    property string categoryLabel: "City official"
    property string categoryColour: "#1565C0"
    property string checkedInAt: ""
    property bool badgePrinted: false
    property bool scannedOldBadge: false
    property var pins: []
    property int opened: 0
    property int prints: 0
    property int closed: 0
    function open() { opened++ }
    function submitPin(pin) { pins.push(pin) }
    function search(text) {}
    function choose(id) {}
    function printBadge() { prints++ }
    function back() {}
    function close() { closed++ }
}
