using System.Globalization;
using System.Security.Claims;
using Buurt.Identity.Data;
using Buurt.Identity.UseCases;
using Buurt.ServiceDefaults.Auth;
using Buurt.ServiceDefaults.Domain;
using Buurt.ServiceDefaults.Tenancy;
using Buurt.Ui;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Buurt.Identity.Api.Account;

/// <summary>
/// The account pages (sign in, register, forgot and reset a password): Razor components rendered
/// on the server, in Dutch or in English (<see cref="Languages"/>), posting plain forms back here.
/// They share their rules with the API through the use cases; a rule's "no" is shown next to its field.
/// </summary>
public static class AccountPages
{
    public const string SessionScheme = "buurt.session";
    public const string Path = "/account";
    public const string LoginPath = Path + "/login";
    public const string RegisterPath = Path + "/register";
    public const string ForgotPath = Path + "/forgot";
    public const string ResetPath = Path + "/reset";

    /// <summary>The browser session (a cookie of one tenant), antiforgery and the server rendering of the pages.</summary>
    public static void AddAccountPages(this IServiceCollection services)
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
        services.AddRazorComponents();
    }

    public static void MapAccountPages(this IEndpointRouteBuilder app)
    {
        var pages = app.MapGroup(Path).ExcludeFromDescription();
        pages.MapGet("/login", (ITenantContext tenant, string? returnUrl) => Login(tenant, LocalOrRoot(returnUrl), email: null, []));
        pages.MapPost("/login", LoginAsync);
        pages.MapGet("/register", (string? returnUrl) => Register(LocalOrRoot(returnUrl), new RegisterForm(), []));
        pages.MapPost("/register", RegisterAsync);
        pages.MapGet("/forgot", () => Forgot(sent: false, email: null));
        pages.MapPost("/forgot", RequestResetAsync);
        pages.MapGet("/reset", (string? email) => Reset(email, [], done: false));
        pages.MapPost("/reset", ResetAsync);
    }

    private static async Task<Results<RedirectHttpResult, RazorComponentResult<LoginPage>>> LoginAsync(
        HttpContext http, ITenantContext tenant, PasswordSignIn passwords,
        [FromForm] string? email, [FromForm] string? password, [FromForm] string? returnUrl)
    {
        var target = LocalOrRoot(returnUrl);
        if (tenant.TenantId is null)
        {
            return Login(tenant, target, email, [new("email", AccountTexts.NoTenant)]);
        }
        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrEmpty(password))
        {
            return Login(tenant, target, email, [new("email", AccountTexts.LoginMissing)]);
        }
        var check = await passwords.CheckAsync(email, password);
        if (check.Account is not { } account)
        {
            return Login(tenant, target, email, [new("email", check.Deactivated ? AccountTexts.Deactivated : check.LockedOut ? AccountTexts.LockedOut : AccountTexts.WrongPassword)]);
        }
        await StartSessionAsync(http, account);
        return TypedResults.LocalRedirect(target);
    }

    private static async Task<Results<RedirectHttpResult, RazorComponentResult<RegisterPage>>> RegisterAsync(
        HttpContext http, ITenantContext tenant, ResidentRegistration registration, [FromForm] RegisterForm? form, CancellationToken cancellationToken)
    {
        form ??= new RegisterForm(); // none of its fields posted
        var target = LocalOrRoot(form.ReturnUrl);
        if (tenant.TenantId is null)
        {
            return Register(target, form, [new("email", AccountTexts.NoTenant)]);
        }
        var missing = Missing(("displayName", form.DisplayName), ("email", form.Email), ("password", form.Password), ("postcode", form.Postcode));
        if (missing.Count > 0)
        {
            return Register(target, form, missing);
        }
        try
        {
            // The page's language becomes the resident's for their mail.
            var registered = await registration.RegisterAsync(form.Email!, form.Password!, form.DisplayName!, form.Postcode!, cancellationToken, Languages.Current);
            await StartSessionAsync(http, registered.Account);
            return TypedResults.LocalRedirect(target);
        }
        catch (RuleException rule) when (rule is { Kind: RuleKind.Invalid, Field: { } field })
        {
            return Register(target, form, [Invalid(field)]);
        }
        catch (RuleException rule) when (rule.Kind == RuleKind.Conflict)
        {
            return Register(target, form, [new("email", AccountTexts.AlreadyRegistered)], StatusCodes.Status409Conflict);
        }
    }

    /// <summary>The same answer whether the account exists or not; the mail speaks the page's language.</summary>
    private static async Task<RazorComponentResult<ForgotPage>> RequestResetAsync(
        ITenantContext tenant, PasswordResets resets, [FromForm] string? email, CancellationToken cancellationToken)
    {
        if (tenant.TenantId is not null && !string.IsNullOrWhiteSpace(email))
        {
            await resets.RequestAsync(email, CultureInfo.CurrentUICulture, cancellationToken);
        }
        return Forgot(sent: true, email);
    }

    private static async Task<RazorComponentResult<ResetPage>> ResetAsync(
        ITenantContext tenant, PasswordResets resets, [FromForm] string? email, [FromForm] string? token, [FromForm] string? password)
    {
        var missing = Missing(("email", email), ("token", token), ("password", password));
        if (tenant.TenantId is null || missing.Count > 0)
        {
            return Reset(email, missing.Count > 0 ? missing : [new("email", AccountTexts.NoTenant)]);
        }
        try
        {
            await resets.ConfirmAsync(email!, token!.Trim(), password!);
        }
        catch (RuleException rule) when (rule is { Kind: RuleKind.Invalid, Field: { } field })
        {
            return Reset(email, [Invalid(field)]);
        }
        return Reset(email, [], done: true);
    }

    // A page with errors is a 400 unless told otherwise.
    private static RazorComponentResult<LoginPage> Login(ITenantContext tenant, string returnUrl, string? email, IReadOnlyList<FieldError> errors) =>
        Page<LoginPage>(new { Municipality = tenant.TenantId ?? "Buurt", ReturnUrl = returnUrl, Email = email, Errors = errors }, errors);

    private static RazorComponentResult<RegisterPage> Register(
        string returnUrl, RegisterForm form, IReadOnlyList<FieldError> errors, int status = StatusCodes.Status400BadRequest) =>
        Page<RegisterPage>(new { ReturnUrl = returnUrl, Form = form, Errors = errors }, errors, status);

    private static RazorComponentResult<ForgotPage> Forgot(bool sent, string? email) =>
        Page<ForgotPage>(new { Sent = sent, Email = email }, []);

    private static RazorComponentResult<ResetPage> Reset(string? email, IReadOnlyList<FieldError> errors, bool done = false) =>
        Page<ResetPage>(new { Email = email, Errors = errors, Done = done }, errors);

    private static RazorComponentResult<TPage> Page<TPage>(
        object parameters, IReadOnlyList<FieldError> errors, int status = StatusCodes.Status400BadRequest)
        where TPage : IComponent =>
        new(parameters) { StatusCode = errors.Count > 0 ? status : StatusCodes.Status200OK };

    /// <summary>A "fill in ..." error for each empty field.</summary>
    private static List<FieldError> Missing(params (string Field, string? Value)[] fields) =>
        [.. fields.Where(f => string.IsNullOrWhiteSpace(f.Value)).Select(f => FieldError.Required(f.Field, LabelOf(f.Field)))];

    /// <summary>What the page says about a field a rule refused (the rule's own message is for API clients, in English).</summary>
    private static FieldError Invalid(string field) => field switch
    {
        "postcode" => new(field, AccountTexts.InvalidPostcode),
        "password" => new(field, AccountTexts.InvalidPassword),
        "email" => new(field, AccountTexts.InvalidEmail),
        "token" => new(field, AccountTexts.InvalidToken),
        _ => FieldError.Required(field, LabelOf(field)),
    };

    private static string LabelOf(string field) => field switch
    {
        "displayName" => AccountTexts.DisplayName,
        "email" => AccountTexts.Email,
        "password" => AccountTexts.Password,
        "token" => AccountTexts.Code,
        _ => AccountTexts.Postcode,
    };

    private static Task StartSessionAsync(HttpContext http, BuurtUser user) => http.SignInAsync(SessionScheme, new ClaimsPrincipal(
        new ClaimsIdentity([new Claim(BuurtClaims.Subject, user.Id.ToString()), new Claim(BuurtClaims.Tenant, user.TenantId)], SessionScheme)));

    /// <summary>Only back into this site: an open redirect would help phishing.</summary>
    private static string LocalOrRoot(string? returnUrl) =>
        returnUrl is { Length: > 1 } url && url[0] == '/' && url[1] is not '/' and not '\\' ? url : "/";
}

/// <summary>The registration form as posted.</summary>
public sealed record RegisterForm
{
    public string? DisplayName { get; init; }

    public string? Email { get; init; }

    public string? Password { get; init; }

    public string? Postcode { get; init; }

    public string? ReturnUrl { get; init; }
}
