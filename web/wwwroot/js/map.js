// The maps (Components/MapWithList.razor): each is drawn from the list beside it, which stays the
// accessible equivalent. Leaflet 1.9.4 is loaded only on a page with a map (its style sheet comes with the list). Every marker is a link
// (the item's number, and its title for a screen reader) that the keyboard reaches with Tab; the map
// itself pans with the arrow keys. Without tiles (none configured, or the server unreachable) the
// markers stand on a plain background. Enhanced navigation swaps pages without running page scripts,
// so the maps are drawn again after every "enhancedload" as after the first load.
(() => {
  let leaflet = null;
  let maps = [];
  let generation = 0;

  function load(element) {
    leaflet ??= new Promise((resolve, reject) => {
      const script = Object.assign(document.createElement("script"), { src: element.dataset.leafletJs });
      script.onload = resolve;
      script.onerror = () => {
        leaflet = null;
        reject(new Error("Leaflet did not load"));
      };
      document.head.append(script);
    });
    return leaflet;
  }

  function escapeText(text) {
    const span = document.createElement("span");
    span.textContent = text;
    return span.innerHTML;
  }

  function draw(element) {
    const items = [...document.querySelectorAll(`#${CSS.escape(element.dataset.list)} li[data-lat]`)];
    element.hidden = false;
    const map = L.map(element, { zoomControl: false, keyboard: true, maxZoom: 19 });
    L.control.zoom({ zoomInTitle: element.dataset.zoomIn, zoomOutTitle: element.dataset.zoomOut }).addTo(map);
    map.attributionControl.setPrefix('<a href="https://leafletjs.com">Leaflet</a>');
    if (element.dataset.tiles) {
      L.tileLayer(element.dataset.tiles, { attribution: escapeText(element.dataset.attribution || ""), maxZoom: 19 }).addTo(map);
    }
    const points = [];
    for (const item of items) {
      const point = L.latLng(Number(item.dataset.lat), Number(item.dataset.lon));
      const source = item.querySelector("a");
      const link = document.createElement("a");
      link.href = source.getAttribute("href");
      link.className = `buurt-marker buurt-marker--${item.dataset.kind}`;
      const number = document.createElement("span");
      number.className = "buurt-marker__number";
      number.textContent = item.value;
      const title = document.createElement("span");
      title.className = "buurt-visually-hidden";
      title.textContent = ` ${source.textContent}`;
      link.append(number, title);
      link.addEventListener("focus", () => {
        // The browser scrolls the container to a focused marker out of view; let the map pan instead.
        element.scrollTop = 0;
        element.scrollLeft = 0;
        map.panInside(point, { padding: [48, 48] });
      });
      // The marker's own div is no tab stop (keyboard: false): its link is.
      L.marker(point, { icon: L.divIcon({ html: link, className: "buurt-marker-icon", iconSize: [44, 44] }), keyboard: false }).addTo(map);
      points.push(point);
    }
    if (points.length === 1) {
      map.setView(points[0], 16);
    } else {
      map.fitBounds(L.latLngBounds(points), { padding: [48, 48], maxZoom: 16 });
    }
    element.dataset.ready = "true";
    return map;
  }

  function drawAll() {
    const current = ++generation;
    for (const map of maps) {
      try {
        map.remove();
      } catch {
        // Its container was already replaced by the new page: nothing left to take down.
      }
    }
    maps = [];
    const elements = [...document.querySelectorAll("[data-buurt-map]")];
    if (elements.length === 0) {
      return;
    }
    load(elements[0]).then(() => {
      if (current !== generation) {
        return;
      }
      for (const element of elements) {
        if (element.isConnected) {
          delete element._leaflet_id;
          maps.push(draw(element));
        }
      }
    }, () => {
      // No Leaflet: the list beside the map says it all.
    });
  }

  drawAll();
  Blazor.addEventListener("enhancedload", drawAll);
})();
