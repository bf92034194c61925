using System.Globalization;
using Buurt.Identity.Data;

namespace Buurt.Identity.UseCases;

/// <summary>The mails identity sends, in the reader's language (MailTexts.resx is Dutch, MailTexts.en.resx English).</summary>
internal static class Mails
{
    /// <summary>The code to choose a new password with, after someone asked for one.</summary>
    public static OutgoingMail PasswordReset(string to, string code, CultureInfo language) =>
        new(to, Text(nameof(MailTexts.ResetSubject), language), Text(nameof(MailTexts.ResetBody), language), code);

    /// <summary>The code a new colleague chooses their first password with.</summary>
    public static OutgoingMail Invitation(string to, string code, CultureInfo language) =>
        new(to, Text(nameof(MailTexts.InvitationSubject), language), Text(nameof(MailTexts.InvitationBody), language), code);

    // Not MailTexts' properties: they read the request's culture, and a mail speaks its reader's language.
    private static string Text(string name, CultureInfo language) =>
        MailTexts.ResourceManager.GetString(name, language) ?? throw new InvalidOperationException($"MailTexts has no {name}.");
}
