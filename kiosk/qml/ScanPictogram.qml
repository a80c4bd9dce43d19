import QtQuick

// How to scan, without words: a phone lying screen up with a QR code on it, moved (arrow) under
// the scanner's window, whose light falls on the code. Drawn in a 300×200 design box scaled to the
// item; never mirrored, since the arrow shows where the scanner is, not a reading direction.
Canvas {
    id: pictogram

    implicitWidth: 300
    implicitHeight: 200
    Accessible.ignored: true  // Decoration: the scan prompt beside it says the same in words.

    onWidthChanged: requestPaint()
    onHeightChanged: requestPaint()

    // One module of the QR code per 1: three finder squares and a fixed scatter, enough to read as
    // "a QR code" at a glance (it encodes nothing).
    readonly property var modules: [
        "1111111010111111",
        "1000001001100001",
        "1011101010101101",
        "1011101001101101",
        "1000001011100001",
        "1111111010111111",
        "0000000011000000",
        "1101011100110110",
        "0110100101001011",
        "1111111001101100",
        "1000001010110101",
        "1011101001011010",
        "1011101011100111",
        "1000001000101001",
        "1111111010110110"
    ]

    onPaint: {
        const ctx = getContext("2d")
        ctx.reset()
        const scale = Math.min(width / 300, height / 200)
        ctx.translate((width - 300 * scale) / 2, (height - 200 * scale) / 2)
        ctx.scale(scale, scale)

        // The scanner's head, its window underneath, and the light falling from it onto the code.
        ctx.fillStyle = "rgba(229, 57, 53, 0.22)"
        ctx.beginPath()
        ctx.moveTo(182, 60)
        ctx.lineTo(242, 60)
        ctx.lineTo(268, 150)
        ctx.lineTo(156, 150)
        ctx.closePath()
        ctx.fill()
        ctx.fillStyle = "#263238"
        roundedRect(ctx, 155, 8, 114, 48, 10)
        ctx.fill()
        ctx.fillStyle = "#e53935"
        roundedRect(ctx, 179, 50, 66, 10, 4)
        ctx.fill()

        // The phone, lying screen up and seen from an angle: its edge, its body, its screen, the code.
        for (const [drop, colour] of [[8, "#0d1b2a"], [0, "#37474f"]]) {
            ctx.save()
            ctx.translate(212, 150 + drop)
            ctx.scale(1, 0.5)
            ctx.rotate(-Math.PI / 3)
            ctx.fillStyle = colour
            roundedRect(ctx, -38, -66, 76, 132, 12)
            ctx.fill()
            if (drop === 0) {
                ctx.fillStyle = "#ffffff"
                roundedRect(ctx, -31, -54, 62, 108, 4)
                ctx.fill()
                ctx.fillStyle = "#111111"
                const size = 52 / modules[0].length
                for (let row = 0; row < modules.length; ++row) {
                    for (let column = 0; column < modules[row].length; ++column) {
                        if (modules[row][column] === "1")
                            ctx.fillRect(-26 + column * size, -24 + row * size, size, size)
                    }
                }
            }
            ctx.restore()
        }

        // The arrow: bring the phone in under the scanner.
        ctx.strokeStyle = "#003a8c"
        ctx.fillStyle = "#003a8c"
        ctx.lineWidth = 12
        ctx.lineCap = "round"
        ctx.beginPath()
        ctx.moveTo(14, 180)
        ctx.quadraticCurveTo(48, 126, 106, 132)
        ctx.stroke()
        ctx.beginPath()
        ctx.moveTo(136, 138)
        ctx.lineTo(108, 110)
        ctx.lineTo(102, 156)
        ctx.closePath()
        ctx.fill()
    }

    function roundedRect(ctx, x, y, w, h, r) {
        ctx.beginPath()
        ctx.moveTo(x + r, y)
        ctx.arcTo(x + w, y, x + w, y + h, r)
        ctx.arcTo(x + w, y + h, x, y + h, r)
        ctx.arcTo(x, y + h, x, y, r)
        ctx.arcTo(x, y, x + w, y, r)
        ctx.closePath()
    }
}
