<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr">
<context>
    <name>Main</name>
    <message>
        <location filename="../qml/Main.qml"/>
        <source>Lanyard check-in</source>
        <translation>Lanyard – accueil</translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <location filename="../qml/WelcomePage.qml"/>
        <source>Connecting to the server…</source>
        <translation>Connexion au serveur…</translation>
    </message>
    <message>
        <location filename="../qml/WelcomePage.qml"/>
        <source>Welcome!</source>
        <translation>Bienvenue !</translation>
    </message>
    <message>
        <location filename="../qml/WelcomePage.qml"/>
        <source>Scan the QR code from your confirmation e-mail under the scanner.</source>
        <translation>Scannez sous le lecteur le code QR de votre e-mail de confirmation.</translation>
    </message>
    <message>
        <location filename="../qml/WelcomePage.qml"/>
        <source>No QR code? Please go to the help desk.</source>
        <translation>Pas de code QR ? Veuillez vous rendre à l’accueil.</translation>
    </message>
</context>
<context>
    <name>ConfirmPage</name>
    <message>
        <location filename="../qml/ConfirmPage.qml"/>
        <source>Is this you?</source>
        <translation>Est-ce bien vous ?</translation>
    </message>
    <message>
        <location filename="../qml/ConfirmPage.qml"/>
        <source>Yes, print my badge</source>
        <translation>Oui, imprimer mon badge</translation>
    </message>
    <message>
        <location filename="../qml/ConfirmPage.qml"/>
        <source>No, this is not me</source>
        <translation>Non, ce n’est pas moi</translation>
    </message>
</context>
<context>
    <name>PrintingPage</name>
    <message>
        <location filename="../qml/PrintingPage.qml"/>
        <source>Printing your badge…</source>
        <translation>Impression de votre badge…</translation>
    </message>
    <message>
        <location filename="../qml/PrintingPage.qml"/>
        <source>One moment, please…</source>
        <translation>Un instant, s’il vous plaît…</translation>
    </message>
    <message>
        <location filename="../qml/PrintingPage.qml"/>
        <source>Your badge will come out of the printer below.</source>
        <translation>Votre badge va sortir de l’imprimante ci-dessous.</translation>
    </message>
</context>
<context>
    <name>DonePage</name>
    <message>
        <location filename="../qml/DonePage.qml"/>
        <source>Welcome back!</source>
        <translation>Bon retour parmi nous !</translation>
    </message>
    <message>
        <location filename="../qml/DonePage.qml"/>
        <source>Please take your badge.</source>
        <translation>Veuillez prendre votre badge.</translation>
    </message>
    <message>
        <location filename="../qml/DonePage.qml"/>
        <source>%1, you are checked in. Enjoy the conference!</source>
        <translation>%1, votre arrivée est enregistrée. Bonne conférence !</translation>
    </message>
    <message>
        <location filename="../qml/DonePage.qml"/>
        <source>Done</source>
        <translation>Terminé</translation>
    </message>
</context>
<context>
    <name>ProblemPage</name>
    <message>
        <location filename="../qml/ProblemPage.qml"/>
        <source>You are already checked in</source>
        <translation>Votre arrivée est déjà enregistrée</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml"/>
        <source>This registration is cancelled</source>
        <translation>Cette inscription a été annulée</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml"/>
        <source>We do not know this code</source>
        <translation>Ce code nous est inconnu</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml"/>
        <source>This code is not valid</source>
        <translation>Ce code n’est pas valide</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml"/>
        <source>This code has been replaced</source>
        <translation>Ce code a été remplacé</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml"/>
        <source>Your badge could not be printed</source>
        <translation>Votre badge n’a pas pu être imprimé</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml"/>
        <source>The check-in server cannot be reached</source>
        <translation>Le serveur d’enregistrement est injoignable</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml"/>
        <source>Something went wrong</source>
        <translation>Une erreur s’est produite</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml"/>
        <source>Checked in: %1. For a second badge, please go to the help desk.</source>
        <translation>Arrivée enregistrée : %1. Pour un second badge, veuillez vous rendre à l’accueil.</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml"/>
        <source>For a second badge, please go to the help desk.</source>
        <translation>Pour un second badge, veuillez vous rendre à l’accueil.</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml"/>
        <source>A newer badge was issued for you. Please scan the newest code or go to the help desk.</source>
        <translation>Un badge plus récent vous a été délivré. Veuillez scanner le code le plus récent ou vous rendre à l’accueil.</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml"/>
        <source>You are checked in. Please go to the help desk for your badge.</source>
        <translation>Votre arrivée est enregistrée. Veuillez vous rendre à l’accueil pour obtenir votre badge.</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml"/>
        <source>Please try again in a moment, or go to the help desk.</source>
        <translation>Veuillez réessayer dans un instant ou vous rendre à l’accueil.</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml"/>
        <source>Please go to the help desk. We will help you there.</source>
        <translation>Veuillez vous rendre à l’accueil. Nous vous y aiderons.</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml"/>
        <source>Try again</source>
        <translation>Réessayer</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml"/>
        <source>Start over</source>
        <translation>Recommencer</translation>
    </message>
</context>
</TS>
