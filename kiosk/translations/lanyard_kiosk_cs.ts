<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="cs">
<context>
    <name>Main</name>
    <message>
        <location filename="../qml/Main.qml"/>
        <source>Lanyard check-in</source>
        <translation>Lanyard – registrace</translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <location filename="../qml/WelcomePage.qml"/>
        <source>Connecting to the server…</source>
        <translation>Připojování k serveru…</translation>
    </message>
    <message>
        <location filename="../qml/WelcomePage.qml"/>
        <source>Welcome!</source>
        <translation>Vítejte!</translation>
    </message>
    <message>
        <location filename="../qml/WelcomePage.qml"/>
        <source>Scan the QR code from your confirmation e-mail under the scanner.</source>
        <translation>Naskenujte QR kód z potvrzovacího e-mailu pod čtečkou.</translation>
    </message>
    <message>
        <location filename="../qml/WelcomePage.qml"/>
        <source>No QR code? Please go to the help desk.</source>
        <translation>Nemáte QR kód? Obraťte se prosím na informační přepážku.</translation>
    </message>
</context>
<context>
    <name>ConfirmPage</name>
    <message>
        <location filename="../qml/ConfirmPage.qml"/>
        <source>Is this you?</source>
        <translation>Jste to vy?</translation>
    </message>
    <message>
        <location filename="../qml/ConfirmPage.qml"/>
        <source>Yes, print my badge</source>
        <translation>Ano, vytisknout jmenovku</translation>
    </message>
    <message>
        <location filename="../qml/ConfirmPage.qml"/>
        <source>No, this is not me</source>
        <translation>Ne, to nejsem já</translation>
    </message>
</context>
<context>
    <name>PrintingPage</name>
    <message>
        <location filename="../qml/PrintingPage.qml"/>
        <source>Printing your badge…</source>
        <translation>Tiskneme vaši jmenovku…</translation>
    </message>
    <message>
        <location filename="../qml/PrintingPage.qml"/>
        <source>One moment, please…</source>
        <translation>Okamžik, prosím…</translation>
    </message>
    <message>
        <location filename="../qml/PrintingPage.qml"/>
        <source>Your badge will come out of the printer below.</source>
        <translation>Jmenovka vyjede z tiskárny dole.</translation>
    </message>
</context>
<context>
    <name>DonePage</name>
    <message>
        <location filename="../qml/DonePage.qml"/>
        <source>Welcome back!</source>
        <translation>Vítejte zpět!</translation>
    </message>
    <message>
        <location filename="../qml/DonePage.qml"/>
        <source>Please take your badge.</source>
        <translation>Vezměte si prosím svou jmenovku.</translation>
    </message>
    <message>
        <location filename="../qml/DonePage.qml"/>
        <source>%1, you are checked in. Enjoy the conference!</source>
        <translation>%1, jste zaregistrováni. Přejeme příjemnou konferenci!</translation>
    </message>
    <message>
        <location filename="../qml/DonePage.qml"/>
        <source>Done</source>
        <translation>Hotovo</translation>
    </message>
</context>
<context>
    <name>ProblemPage</name>
    <message>
        <location filename="../qml/ProblemPage.qml"/>
        <source>You are already checked in</source>
        <translation>Už jste zaregistrováni</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml"/>
        <source>This registration is cancelled</source>
        <translation>Tato registrace byla zrušena</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml"/>
        <source>We do not know this code</source>
        <translation>Tento kód neznáme</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml"/>
        <source>This code is not valid</source>
        <translation>Tento kód není platný</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml"/>
        <source>This code has been replaced</source>
        <translation>Tento kód byl nahrazen</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml"/>
        <source>Your badge could not be printed</source>
        <translation>Jmenovku se nepodařilo vytisknout</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml"/>
        <source>The check-in server cannot be reached</source>
        <translation>Registrační server není dostupný</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml"/>
        <source>Something went wrong</source>
        <translation>Něco se pokazilo</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml"/>
        <source>Checked in: %1. For a second badge, please go to the help desk.</source>
        <translation>Registrace: %1. Pro druhou jmenovku se prosím obraťte na informační přepážku.</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml"/>
        <source>For a second badge, please go to the help desk.</source>
        <translation>Pro druhou jmenovku se prosím obraťte na informační přepážku.</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml"/>
        <source>A newer badge was issued for you. Please scan the newest code or go to the help desk.</source>
        <translation>Byla vám vydána novější jmenovka. Naskenujte prosím nejnovější kód, nebo se obraťte na informační přepážku.</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml"/>
        <source>You are checked in. Please go to the help desk for your badge.</source>
        <translation>Jste zaregistrováni. Pro jmenovku se prosím obraťte na informační přepážku.</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml"/>
        <source>Please try again in a moment, or go to the help desk.</source>
        <translation>Zkuste to prosím za chvíli znovu, nebo se obraťte na informační přepážku.</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml"/>
        <source>Please go to the help desk. We will help you there.</source>
        <translation>Obraťte se prosím na informační přepážku. Tam vám pomůžeme.</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml"/>
        <source>Try again</source>
        <translation>Zkusit znovu</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml"/>
        <source>Start over</source>
        <translation>Začít znovu</translation>
    </message>
</context>
</TS>
