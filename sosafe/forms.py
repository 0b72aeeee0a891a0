"""Form helpers every app shares."""


def error_summary(form, labels: dict[str, str] | None = None) -> list[tuple[str, str]]:
    """(field id, "Label: message") for every error of ``form``, in the form's order, for the
    error summary at the top of a page (templates/includes/error_summary.html). ``labels``
    names fields whose own label does not say enough out of context."""
    labels = labels or {}
    summary = []
    for name in [*form.fields, "__all__"]:
        for message in form.errors.get(name, []):
            if name == "__all__":
                summary.append(("", message))
            else:
                label = labels.get(name) or form.fields[name].label
                summary.append((form[name].auto_id, f"{label}: {message}"))
    return summary


class ErrorSummaryMixin:
    def error_summary(self) -> list[tuple[str, str]]:
        return error_summary(self)
