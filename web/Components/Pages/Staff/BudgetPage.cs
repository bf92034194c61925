using Buurt.Ui;
using Buurt.Web.Api;
using Buurt.Web.Components.Layout;
using Buurt.Web.Texts;
using Microsoft.AspNetCore.Components;

namespace Buurt.Web.Components.Pages.Staff;

/// <summary>
/// A page of the budget controller: its year, and what a form's answer does. Booked: back to the
/// same page with a confirmation (post, redirect, get). Refused: the errors at the fields with the
/// API's status, or (not about the form) the refusal said above it.
/// </summary>
public abstract class BudgetPage : ComponentBase
{
    [CascadingParameter]
    protected BudgetDesk Desk { get; set; } = null!;

    [CascadingParameter]
    protected HttpContext? HttpContext { get; set; }

    [Inject]
    protected NavigationManager Navigation { get; set; } = null!;

    protected IReadOnlyList<FieldError> Errors { get; private set; } = [];

    protected string? Refusal { get; set; }

    /// <summary>After a form was answered: to <paramref name="booked"/> when it booked, else the refusal at the fields named in <paramref name="labels"/>.</summary>
    protected void Answer(
        bool done, ApiProblem? problem, string booked, IReadOnlyDictionary<string, string> labels, string refusedAt, Func<string, string>? field = null)
    {
        if (done)
        {
            Navigation.NavigateTo(booked);
            return;
        }
        if (BudgetForms.Errors(problem!, labels, refusedAt, field) is { } errors)
        {
            Refuse(errors, problem!.Status);
            return;
        }
        Refusal = Refusals.Handle(problem!, HttpContext!, Navigation, BudgetTexts.BooksRefused);
    }

    /// <summary>The page's own checks (or the API's) failed: the errors at the fields, nothing sent or booked.</summary>
    protected void Refuse(IReadOnlyList<FieldError> errors, int status = StatusCodes.Status400BadRequest)
    {
        Errors = errors;
        HttpContext!.Response.StatusCode = status;
    }

    /// <summary>A read the page needs was refused: said above the page (a 503 when the service is away).</summary>
    protected void ReadFailed(ApiProblem problem) => Refusal = Refusals.Handle(problem, HttpContext!, Navigation, WebTexts.TryAgainLater);
}
