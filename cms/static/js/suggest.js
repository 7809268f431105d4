// Title suggestions for the search box, from the site's own suggestion endpoint.
(function () {
    var input = document.getElementById("site-search");
    if (!input || !input.dataset.suggestUrl || !window.fetch) { return; }
    var list = document.getElementById(input.getAttribute("list"));
    var timer = null;
    var lastQuery = "";
    input.addEventListener("input", function () {
        clearTimeout(timer);
        timer = setTimeout(function () {
            var query = input.value.trim();
            if (query.length < 2 || query === lastQuery) { return; }
            lastQuery = query;
            fetch(input.dataset.suggestUrl + "?q=" + encodeURIComponent(query), {
                headers: { "Accept": "application/json" }
            }).then(function (response) {
                return response.ok ? response.json() : { items: [] };
            }).then(function (data) {
                list.replaceChildren();
                data.items.forEach(function (item) {
                    var option = document.createElement("option");
                    option.value = item.title;
                    list.appendChild(option);
                });
            }).catch(function () { /* suggestions are optional */ });
        }, 200);
    });
})();
