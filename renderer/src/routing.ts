/**
 * Screens are addressed by the URL hash (`#/history/<job id>`), so a reload keeps the screen and the
 * browser's back button works in the web version. No router library: there are four screens.
 */
import { useEffect, useState } from 'react';

/** A screen of the app. */
export type Route =
  | { readonly screen: 'connections' }
  | { readonly screen: 'import' }
  | { readonly screen: 'export' }
  | { readonly screen: 'organizations' }
  | { readonly screen: 'delete' }
  | { readonly screen: 'history'; readonly jobId: string | null }
  | { readonly screen: 'welcome' }
  | { readonly screen: 'home' };

/** Reads a hash such as `#/history/abc`. */
export function parseRoute(hash: string): Route {
  const [first, second] = hash.replace(/^#\/?/, '').split('/');
  switch (first) {
    case 'connections':
      return { screen: 'connections' };
    case 'import':
      return { screen: 'import' };
    case 'export':
      return { screen: 'export' };
    case 'organizations':
      return { screen: 'organizations' };
    case 'delete':
      return { screen: 'delete' };
    case 'history':
      return { screen: 'history', jobId: second ? decodeURIComponent(second) : null };
    case 'welcome':
      return { screen: 'welcome' };
    default:
      return { screen: 'home' };
  }
}

/** The hash of a route. */
export function routeHref(route: Route): string {
  switch (route.screen) {
    case 'history':
      return route.jobId ? `#/history/${encodeURIComponent(route.jobId)}` : '#/history';
    case 'home':
      return '#/';
    default:
      return `#/${route.screen}`;
  }
}

/** Goes to a screen. */
export function navigate(route: Route): void {
  window.location.hash = routeHref(route);
}

/** The current route, updated on every hash change. */
export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const onChange = (): void => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
