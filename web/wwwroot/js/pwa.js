// Installs the service worker (wwwroot/sw.js) for the page's language: its offline page speaks it.
if ('serviceWorker' in navigator) {
  const lang = document.documentElement.lang === 'en' ? 'en' : 'nl';
  navigator.serviceWorker.register(`/sw.js?lang=${lang}`, { scope: '/' }).catch(() => undefined);
}
