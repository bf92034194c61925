using System.Security.Claims;
using System.Text;
using System.Text.Encodings.Web;
using Buurt.Identity.Data;
using Buurt.Identity.UseCases;
using Buurt.ServiceDefaults.Auth;
using Buurt.ServiceDefaults.Domain;
using Buurt.ServiceDefaults.Tenancy;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;

namespace Buurt.Identity.Api;

/// <summary>
/// The login and registration pages, in Dutch with English a click away: plain HTML that works on
/// a phone, with labels, autocomplete hints and errors announced to screen readers.
/// </summary>
public static class AccountPages
{
    public const string SessionScheme = "buurt.session";
    public const string LoginPath = "/account/login";
    public const string RegisterPath = "/account/register";
    public const string ForgotPath = "/account/forgot";
    public const string ResetPath = "/account/reset";

    private static readonly HtmlEncoder s_html = HtmlEncoder.Default;

    public static void AddAccountSession(this IServiceCollection services)
    {
        services.AddAuthentication().AddCookie(SessionScheme, o =>
        {
            o.Cookie.Name = "buurt.session";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.LoginPath = LoginPath;
        });
        services.AddAntiforgery(o => o.Cookie.Name = "buurt.antiforgery");
    }

    public static void MapAccountPages(this IEndpointRouteBuilder app)
    {
        app.MapGet(LoginPath, (HttpContext http, IAntiforgery antiforgery, ITenantContext tenant, string? returnUrl, string? lang) =>
            LoginPage(http, antiforgery, tenant, Texts.For(lang), LocalOrRoot(returnUrl), email: null, error: null))
            .ExcludeFromDescription();
        app.MapPost(LoginPath, LoginAsync).ExcludeFromDescription();
        app.MapGet(RegisterPath, (HttpContext http, IAntiforgery antiforgery, ITenantContext tenant, string? returnUrl, string? lang) =>
            RegisterPage(http, antiforgery, tenant, Texts.For(lang), LocalOrRoot(returnUrl), new RegisterForm(), errors: []))
            .ExcludeFromDescription();
        app.MapPost(RegisterPath, RegisterAsync).ExcludeFromDescription();
        app.MapGet(ForgotPath, (HttpContext http, IAntiforgery antiforgery, string? lang) =>
            ForgotPage(http, antiforgery, Texts.For(lang), sent: false)).ExcludeFromDescription();
        app.MapPost(ForgotPath, RequestResetAsync).ExcludeFromDescription();
        app.MapGet(ResetPath, (HttpContext http, IAntiforgery antiforgery, string? email, string? lang) =>
            ResetPage(http, antiforgery, Texts.For(lang), email, errors: [], done: false)).ExcludeFromDescription();
        app.MapPost(ResetPath, ResetAsync).ExcludeFromDescription();
    }

    private static async Task<IResult> RequestResetAsync(
        HttpContext http, IAntiforgery antiforgery, ITenantContext tenant, PasswordResets resets,
        [FromForm] string? email, [FromForm] string? lang, CancellationToken cancellationToken)
    {
        var t = Texts.For(lang);
        if (tenant.TenantId is not null && !string.IsNullOrWhiteSpace(email))
        {
            await resets.RequestAsync(email, cancellationToken);
        }
        // The same answer whether the account exists or not.
        return ForgotPage(http, antiforgery, t, sent: true, email);
    }

    private static async Task<IResult> ResetAsync(
        HttpContext http, IAntiforgery antiforgery, ITenantContext tenant, PasswordResets resets,
        [FromForm] string? email, [FromForm] string? token, [FromForm] string? password, [FromForm] string? lang)
    {
        var t = Texts.For(lang);
        var missing = Missing(t, ("email", email), ("token", token), ("password", password));
        if (tenant.TenantId is null || missing.Count > 0)
        {
            return ResetPage(http, antiforgery, t, email, missing.Count > 0 ? missing : [("email", t.NoTenant)], done: false, StatusCodes.Status400BadRequest);
        }
        try
        {
            await resets.ConfirmAsync(email!, token!.Trim(), password!);
        }
        catch (RuleException rule) when (rule is { Kind: RuleKind.Invalid, Field: { } field })
        {
            return ResetPage(http, antiforgery, t, email, [(field, t.Problem(field))], done: false, StatusCodes.Status400BadRequest);
        }
        return ResetPage(http, antiforgery, t, email, [], done: true);
    }

    private static IResult ForgotPage(HttpContext http, IAntiforgery antiforgery, Texts t, bool sent, string? email = null)
    {
        var body = sent
            ? $"""
              <p role="status">{E(t.ResetSent)}</p>
              <p><a href="{ResetPath}?lang={t.Language}&amp;email={E(Uri.EscapeDataString(email ?? ""))}">{E(t.ToReset)}</a></p>
              """
            : $"""
              <p>{E(t.ForgotIntro)}</p>
              <form method="post" action="{ForgotPath}" novalidate>
                {Hidden(http, antiforgery, "/", t)}
                {Field("email", t.Email, "email", "username", null, [])}
                <button type="submit">{E(t.SendCode)}</button>
              </form>
              """;
        return Layout(t, t.Forgot, ForgotPath, "/", body, hasErrors: false, StatusCodes.Status200OK);
    }

    private static IResult ResetPage(HttpContext http, IAntiforgery antiforgery, Texts t, string? email,
        List<(string Field, string Message)> errors, bool done, int status = StatusCodes.Status200OK)
    {
        var body = done
            ? $"""
              <p role="status">{E(t.ResetDone)}</p>
              <p><a href="{LoginPath}?lang={t.Language}">{E(t.Login)}</a></p>
              """
            : $"""
              {ErrorSummary(errors)}
              <form method="post" action="{ResetPath}" novalidate>
                {Hidden(http, antiforgery, "/", t)}
                {Field("email", t.Email, "email", "username", email, errors)}
                {Field("token", t.Code, "text", "one-time-code", null, errors, t.CodeHint)}
                {Field("password", t.NewPassword, "password", "new-password", null, errors, t.PasswordHint)}
                <button type="submit">{E(t.SavePassword)}</button>
              </form>
              """;
        return Layout(t, t.NewPassword, ResetPath, "/", body, errors.Count > 0, status);
    }

    private static async Task<IResult> LoginAsync(
        HttpContext http,
        IAntiforgery antiforgery,
        ITenantContext tenant,
        PasswordSignIn passwords,
        [FromForm] string? email,
        [FromForm] string? password,
        [FromForm] string? returnUrl,
        [FromForm] string? lang)
    {
        var t = Texts.For(lang);
        var target = LocalOrRoot(returnUrl);
        if (tenant.TenantId is null)
        {
            return LoginPage(http, antiforgery, tenant, t, target, email, t.NoTenant, StatusCodes.Status400BadRequest);
        }
        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrEmpty(password))
        {
            return LoginPage(http, antiforgery, tenant, t, target, email, t.Missing, StatusCodes.Status400BadRequest);
        }
        var check = await passwords.CheckAsync(email, password);
        if (check.Account is not { } user)
        {
            return LoginPage(http, antiforgery, tenant, t, target, email, check.LockedOut ? t.LockedOut : t.WrongPassword, StatusCodes.Status400BadRequest);
        }
        await StartSessionAsync(http, user);
        return Results.LocalRedirect(target);
    }

    private static async Task<IResult> RegisterAsync(
        HttpContext http,
        IAntiforgery antiforgery,
        ITenantContext tenant,
        ResidentRegistration registration,
        [FromForm] RegisterForm form,
        CancellationToken cancellationToken)
    {
        var t = Texts.For(form.Lang);
        var target = LocalOrRoot(form.ReturnUrl);
        if (tenant.TenantId is null)
        {
            return RegisterPage(http, antiforgery, tenant, t, target, form, [("email", t.NoTenant)], StatusCodes.Status400BadRequest);
        }
        var missing = Missing(t, ("displayName", form.DisplayName), ("email", form.Email), ("password", form.Password), ("postcode", form.Postcode));
        if (missing.Count > 0)
        {
            return RegisterPage(http, antiforgery, tenant, t, target, form, missing, StatusCodes.Status400BadRequest);
        }
        try
        {
            var registered = await registration.RegisterAsync(form.Email!, form.Password!, form.DisplayName!, form.Postcode!, cancellationToken);
            await StartSessionAsync(http, registered.Account);
            return Results.LocalRedirect(target);
        }
        catch (RuleException rule) when (rule is { Kind: RuleKind.Invalid, Field: { } field })
        {
            return RegisterPage(http, antiforgery, tenant, t, target, form, [(field, t.Problem(field))], StatusCodes.Status400BadRequest);
        }
        catch (RuleException rule) when (rule.Kind == RuleKind.Conflict)
        {
            return RegisterPage(http, antiforgery, tenant, t, target, form, [("email", t.AlreadyRegistered)], StatusCodes.Status409Conflict);
        }
    }

    /// <summary>A "fill in ..." error for each empty field.</summary>
    private static List<(string Field, string Message)> Missing(Texts t, params (string Field, string? Value)[] fields) =>
        [.. fields.Where(f => string.IsNullOrWhiteSpace(f.Value)).Select(f => (f.Field, t.Required(f.Field)))];

    private static Task StartSessionAsync(HttpContext http, BuurtUser user) => http.SignInAsync(SessionScheme, new ClaimsPrincipal(
        new ClaimsIdentity([new Claim(BuurtClaims.Subject, user.Id.ToString()), new Claim(BuurtClaims.Tenant, user.TenantId)], SessionScheme)));

    /// <summary>Only back into this site: an open redirect would help phishing.</summary>
    private static string LocalOrRoot(string? returnUrl) =>
        returnUrl is { Length: > 1 } url && url[0] == '/' && url[1] is not '/' and not '\\' ? url : "/";

    private static IResult LoginPage(
        HttpContext http, IAntiforgery antiforgery, ITenantContext tenant, Texts t, string returnUrl, string? email, string? error,
        int status = StatusCodes.Status200OK)
    {
        var errors = error is null ? new List<(string, string)>() : [("email", error)];
        var body = $"""
            <p>{E(string.Format(System.Globalization.CultureInfo.InvariantCulture, t.Intro, tenant.TenantId ?? "Buurt"))}</p>
            {ErrorSummary(errors)}
            <form method="post" action="{LoginPath}" novalidate>
              {Hidden(http, antiforgery, returnUrl, t)}
              {Field("email", t.Email, "email", "username", email, errors)}
              {Field("password", t.Password, "password", "current-password", null, [])}
              <button type="submit">{E(t.Login)}</button>
            </form>
            <p><a href="{ForgotPath}?lang={t.Language}">{E(t.Forgot)}</a></p>
            <p><a href="{RegisterPath}?lang={t.Language}&amp;returnUrl={E(Uri.EscapeDataString(returnUrl))}">{E(t.ToRegister)}</a></p>
            """;
        return Layout(t, t.Login, LoginPath, returnUrl, body, errors.Count > 0, status);
    }

    private static IResult RegisterPage(
        HttpContext http, IAntiforgery antiforgery, ITenantContext tenant, Texts t, string returnUrl, RegisterForm form,
        List<(string Field, string Message)> errors, int status = StatusCodes.Status200OK)
    {
        var body = $"""
            <p>{E(t.RegisterIntro)}</p>
            {ErrorSummary(errors)}
            <form method="post" action="{RegisterPath}" novalidate>
              {Hidden(http, antiforgery, returnUrl, t)}
              {Field("displayName", t.DisplayName, "text", "name", form.DisplayName, errors)}
              {Field("email", t.Email, "email", "email", form.Email, errors)}
              {Field("password", t.NewPassword, "password", "new-password", null, errors, t.PasswordHint)}
              {Field("postcode", t.Postcode, "text", "postal-code", form.Postcode, errors, t.PostcodeHint)}
              <button type="submit">{E(t.Register)}</button>
            </form>
            <p><a href="{LoginPath}?lang={t.Language}&amp;returnUrl={E(Uri.EscapeDataString(returnUrl))}">{E(t.ToLogin)}</a></p>
            """;
        return Layout(t, t.Register, RegisterPath, returnUrl, body, errors.Count > 0, status);
    }

    private static string E(string? text) => s_html.Encode(text ?? "");

    private static string Hidden(HttpContext http, IAntiforgery antiforgery, string returnUrl, Texts t)
    {
        var token = antiforgery.GetAndStoreTokens(http);
        return $"""
            <input type="hidden" name="{token.FormFieldName}" value="{E(token.RequestToken)}">
            <input type="hidden" name="returnUrl" value="{E(returnUrl)}">
            <input type="hidden" name="lang" value="{t.Language}">
            """;
    }

    /// <summary>A labelled input; an error for it is linked with aria-describedby and aria-invalid.</summary>
    private static string Field(string name, string label, string type, string autocomplete, string? value,
        List<(string Field, string Message)> errors, string? hint = null)
    {
        var error = errors.FirstOrDefault(e => e.Field == name).Message;
        var described = string.Join(' ', new[] { hint is null ? null : $"{name}-hint", error is null ? null : $"{name}-error" }.OfType<string>());
        var html = new StringBuilder();
        html.Append($"<label for=\"{name}\">{E(label)}</label>");
        if (hint is not null)
        {
            html.Append($"<span class=\"hint\" id=\"{name}-hint\">{E(hint)}</span>");
        }
        if (error is not null)
        {
            html.Append($"<span class=\"field-error\" id=\"{name}-error\">{E(error)}</span>");
        }
        html.Append($"<input id=\"{name}\" name=\"{name}\" type=\"{type}\" autocomplete=\"{autocomplete}\" required");
        html.Append(type == "password" ? "" : $" value=\"{E(value)}\"");
        html.Append(described.Length > 0 ? $" aria-describedby=\"{described}\"" : "");
        html.Append(error is not null ? " aria-invalid=\"true\">" : ">");
        return html.ToString();
    }

    private static string ErrorSummary(List<(string Field, string Message)> errors) => errors.Count == 0 ? "" : $"""
        <div class="error" id="error" role="alert" tabindex="-1"><ul>{string.Concat(errors.Select(e => $"<li><a href=\"#{e.Field}\">{E(e.Message)}</a></li>"))}</ul></div>
        """;

    private static IResult Layout(Texts t, string title, string path, string returnUrl, string body, bool hasErrors, int status)
    {
        var other = t.Language == "nl" ? "en" : "nl";
        var html = $$"""
            <!doctype html>
            <html lang="{{t.Language}}">
            <head>
              <meta charset="utf-8">
              <meta name="viewport" content="width=device-width, initial-scale=1">
              <title>{{E(title)}} – Buurt</title>
              <style>
                body { font: 1.125rem/1.5 system-ui, sans-serif; margin: 0; color: #1a1a1a; background: #f5f5f0; }
                main { max-width: 26rem; margin: 2rem auto; padding: 1.5rem; background: #fff; border-radius: .5rem; }
                label { display: block; font-weight: 600; margin-top: 1rem; }
                .hint { display: block; color: #444; font-size: 1rem; }
                .field-error { display: block; color: #b00020; font-weight: 600; }
                input { width: 100%; box-sizing: border-box; font: inherit; padding: .6rem; border: 2px solid #555; border-radius: .25rem; }
                input[aria-invalid="true"] { border-color: #b00020; }
                input:focus, button:focus, a:focus { outline: 3px solid #0b5cad; outline-offset: 2px; }
                button { margin-top: 1.5rem; width: 100%; font: inherit; font-weight: 600; padding: .75rem; color: #fff; background: #0b5cad; border: 0; border-radius: .25rem; cursor: pointer; }
                .error { margin: 1rem 0; padding: .75rem; border-left: 4px solid #b00020; background: #fdecee; color: #6b0013; }
                .error ul { margin: 0; padding-left: 1.2rem; } .error a { color: inherit; }
                .lang { text-align: right; }
              </style>
            </head>
            <body>
              <main>
                <p class="lang"><a href="{{path}}?lang={{other}}&amp;returnUrl={{E(Uri.EscapeDataString(returnUrl))}}" lang="{{other}}">{{E(t.OtherLanguage)}}</a></p>
                <h1>{{E(title)}}</h1>
                {{body}}
              </main>
              {{(hasErrors ? "<script>document.getElementById('error').focus()</script>" : "")}}
            </body>
            </html>
            """;
        return Results.Content(html, "text/html; charset=utf-8", statusCode: status);
    }

    /// <summary>The registration form as posted.</summary>
    public sealed record RegisterForm
    {
        public string? DisplayName { get; init; }

        public string? Email { get; init; }

        public string? Password { get; init; }

        public string? Postcode { get; init; }

        public string? ReturnUrl { get; init; }

        public string? Lang { get; init; }
    }

    private sealed record Texts(
        string Language, string Login, string Intro, string Email, string Password, string OtherLanguage,
        string WrongPassword, string LockedOut, string Missing, string NoTenant,
        string Register, string RegisterIntro, string DisplayName, string NewPassword, string PasswordHint, string Postcode,
        string PostcodeHint, string ToRegister, string ToLogin, string AlreadyRegistered, string RequiredFormat,
        IReadOnlyDictionary<string, string> Problems)
    {
        public string Forgot => Language == "nl" ? "Wachtwoord vergeten?" : "Forgot your password?";

        public string ForgotIntro => Language == "nl"
            ? "Vul uw e-mailadres in. Heeft u een account, dan sturen we u een code om een nieuw wachtwoord te kiezen."
            : "Enter your e-mail address. If you have an account, we send you a code to choose a new password.";

        public string SendCode => Language == "nl" ? "Stuur mij een code" : "Send me a code";

        public string ResetSent => Language == "nl"
            ? "Als er een account is met dit e-mailadres, ontvangt u zo een e-mail met een code."
            : "If there is an account with this e-mail address, you will soon receive an e-mail with a code.";

        public string ToReset => Language == "nl" ? "Ik heb een code" : "I have a code";

        public string Code => Language == "nl" ? "Code uit de e-mail" : "Code from the e-mail";

        public string CodeHint => Language == "nl" ? "Kopieer de code uit de e-mail." : "Copy the code from the e-mail.";

        public string SavePassword => Language == "nl" ? "Wachtwoord opslaan" : "Save password";

        public string ResetDone => Language == "nl" ? "Uw nieuwe wachtwoord is opgeslagen. U kunt nu inloggen." : "Your new password is saved. You can sign in now.";

        private static readonly Texts s_dutch = new(
            "nl", "Inloggen", "Log in bij Buurt van gemeente {0}.", "E-mailadres", "Wachtwoord", "English",
            "Het e-mailadres of het wachtwoord klopt niet.",
            "Dit account is tijdelijk geblokkeerd na te veel mislukte pogingen. Probeer het later opnieuw.",
            "Vul uw e-mailadres en wachtwoord in.",
            "Open deze pagina via het adres van uw gemeente.",
            "Account aanmaken", "Met een account kunt u initiatieven indienen voor uw buurt.", "Naam", "Kies een wachtwoord",
            "Minstens 10 tekens, met een hoofdletter, een kleine letter, een cijfer en een leesteken.", "Postcode",
            "Bijvoorbeeld 1221 AB. Uw postcode bepaalt uw wijk.", "Nog geen account? Maak er een aan", "Heeft u al een account? Log in",
            "Er is al een account met dit e-mailadres. Log in of vraag een nieuw wachtwoord aan.", "Vul {0} in.",
            new Dictionary<string, string>
            {
                ["postcode"] = "Deze postcode ligt niet in een wijk van deze gemeente, of is geen geldige postcode.",
                ["password"] = "Dit wachtwoord is niet sterk genoeg: minstens 10 tekens, met een hoofdletter, een kleine letter, een cijfer en een leesteken.",
                ["email"] = "Dit e-mailadres is niet geldig.",
                ["token"] = "Deze code klopt niet of is verlopen. Vraag een nieuwe aan.",
            });

        private static readonly Texts s_english = new(
            "en", "Sign in", "Sign in to Buurt of the municipality of {0}.", "E-mail address", "Password", "Nederlands",
            "The e-mail address or the password is wrong.",
            "This account is locked for a while after too many failed attempts. Please try again later.",
            "Enter your e-mail address and password.",
            "Open this page through your municipality's address.",
            "Create an account", "With an account you can submit initiatives for your neighbourhood.", "Name", "Choose a password",
            "At least 10 characters, with an upper-case and a lower-case letter, a digit and a symbol.", "Postcode",
            "For example 1221 AB. Your postcode decides your wijk.", "No account yet? Create one", "Already have an account? Sign in",
            "There is already an account with this e-mail address. Sign in or ask for a new password.", "Enter {0}.",
            new Dictionary<string, string>
            {
                ["postcode"] = "This postcode lies in no wijk of this municipality, or is not a postcode.",
                ["password"] = "This password is not strong enough: at least 10 characters, with an upper-case and a lower-case letter, a digit and a symbol.",
                ["email"] = "This e-mail address is not valid.",
                ["token"] = "This code is wrong or has expired. Ask for a new one.",
            });

        /// <summary>
        /// Dutch first, English when chosen on the page. Not from the browser's language: many
        /// residents' browsers say English while they read Dutch more easily.
        /// </summary>
        public static Texts For(string? lang) => lang == "en" ? s_english : s_dutch;

        public string Required(string field) => string.Format(System.Globalization.CultureInfo.InvariantCulture, RequiredFormat, LabelOf(field).ToLowerInvariant());

        public string Problem(string field) => Problems.GetValueOrDefault(field) ?? Required(field);

        private string LabelOf(string field) => field switch
        {
            "displayName" => DisplayName,
            "email" => Email,
            "password" => Password,
            "token" => Code,
            _ => Postcode,
        };
    }
}
