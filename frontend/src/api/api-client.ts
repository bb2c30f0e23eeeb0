import type {
  AnonymousRequest,
  AnonymousResponse,
  DashboardResponse,
  ModelResponse,
  MovieResponse,
  PopularResponse,
  PredictionResponse,
  ProfileCreatedResponse,
  ProfileRating,
  ProfileRatingsResponse,
  ProfileRecommendationsResponse,
  ProfileResponse,
  RatingBody,
  SearchResponse,
  SimilarResponse,
  UserRecommendationsResponse,
} from './api-types.ts';

/**
 * An API error with the code and message of its `{"error": {code, message}}` body, and the
 * seconds its `Retry-After` header asks to wait (429, 503), if any.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** The API is same-origin under /api (CloudFront, the local stack and Vite's dev proxy). */
const API = '/api';

/** A profile's id and its bearer token, which every profile route but creation needs. */
export interface ProfileCredentials {
  profileId: string;
  token: string;
}

/** Seconds from a `Retry-After` header in its delay-seconds form; null when absent or a date. */
export function retryAfterSeconds(header: string | null): number | null {
  if (header === null || !/^\d{1,6}$/.test(header.trim())) return null;
  return Number(header.trim());
}

/**
 * The lower-case hex SHA-256 of `body`. CloudFront signs API requests for the function URL with
 * origin access control, which signs the body hash a POST or PUT carries in
 * x-amz-content-sha256 and computes none itself; without it the request is refused (docs/api.md).
 */
export async function contentSha256(body: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(body));
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

async function request<T>(
  path: string,
  init?: RequestInit & { body?: string },
  credentials?: ProfileCredentials,
): Promise<T> {
  const method = init?.method ?? 'GET';
  const signed = method === 'POST' || method === 'PUT';
  const response = await fetch(`${API}${path}`, {
    ...init,
    headers: {
      accept: 'application/json',
      ...(init?.body ? { 'content-type': 'application/json' } : {}),
      ...(signed ? { 'x-amz-content-sha256': await contentSha256(init?.body ?? '') } : {}),
      ...(credentials ? { authorization: `Bearer ${credentials.token}` } : {}),
    },
  });
  const text = await response.text();
  let body: unknown = undefined;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    // Not JSON (e.g. a proxy's HTML error page): reported below with the status.
  }
  if (!response.ok) {
    const error = (body as { error?: { code?: string; message?: string } } | undefined)?.error;
    throw new ApiError(
      response.status,
      error?.code ?? 'http_error',
      error?.message ?? `The API answered ${response.status} ${response.statusText}.`,
      retryAfterSeconds(response.headers.get('retry-after')),
    );
  }
  return body as T;
}

const query = (params: Record<string, string | number | undefined>): string => {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
};

export interface RatingInput {
  movieId: number;
  rating: number;
}

/** The token goes in the Authorization header only, never in the path or the query. */
const profilePath = ({ profileId }: ProfileCredentials): string =>
  `/profiles/${encodeURIComponent(profileId)}`;

export const api = {
  searchMovies: (text: string, limit = 8, signal?: AbortSignal) =>
    request<SearchResponse>(`/movies${query({ query: text, limit })}`, { signal }),
  movie: (movieId: number, signal?: AbortSignal) =>
    request<MovieResponse>(`/movies/${movieId}`, { signal }),
  similar: (movieId: number, limit = 12, signal?: AbortSignal, alpha?: number) =>
    request<SimilarResponse>(`/movies/${movieId}/similar${query({ limit, alpha })}`, { signal }),
  popular: (genre: string | undefined, limit = 20, signal?: AbortSignal) =>
    request<PopularResponse>(`/popular${query({ genre, limit })}`, { signal }),
  recommend: (
    ratings: RatingInput[],
    genre: string | undefined,
    limit = 20,
    signal?: AbortSignal,
    alpha?: number,
  ) =>
    request<AnonymousResponse>('/recommendations', {
      method: 'POST',
      body: JSON.stringify({
        ratings,
        limit,
        ...(genre ? { genre } : {}),
        ...(alpha !== undefined ? { alpha } : {}),
      } satisfies AnonymousRequest),
      signal,
    }),
  userRecommendations: (
    userId: number,
    genre: string | undefined,
    limit = 10,
    signal?: AbortSignal,
  ) =>
    request<UserRecommendationsResponse>(
      `/users/${userId}/recommendations${query({ genre, limit })}`,
      { signal },
    ),
  prediction: (userId: number, movieId: number, signal?: AbortSignal) =>
    request<PredictionResponse>(`/users/${userId}/predictions/${movieId}`, { signal }),
  model: (signal?: AbortSignal) => request<ModelResponse>('/model', { signal }),
  dashboard: (signal?: AbortSignal) => request<DashboardResponse>('/dashboard', { signal }),
  createProfile: () => request<ProfileCreatedResponse>('/profiles', { method: 'POST' }),
  profile: (credentials: ProfileCredentials, signal?: AbortSignal) =>
    request<ProfileResponse>(profilePath(credentials), { signal }, credentials),
  profileRatings: (credentials: ProfileCredentials, signal?: AbortSignal) =>
    request<ProfileRatingsResponse>(`${profilePath(credentials)}/ratings`, { signal }, credentials),
  rateMovie: (credentials: ProfileCredentials, movieId: number, rating: number) =>
    request<ProfileRating>(
      `${profilePath(credentials)}/ratings/${movieId}`,
      { method: 'PUT', body: JSON.stringify({ rating } satisfies RatingBody) },
      credentials,
    ),
  unrateMovie: (credentials: ProfileCredentials, movieId: number) =>
    request<undefined>(
      `${profilePath(credentials)}/ratings/${movieId}`,
      { method: 'DELETE' },
      credentials,
    ),
  profileRecommendations: (
    credentials: ProfileCredentials,
    genre: string | undefined,
    limit = 20,
    signal?: AbortSignal,
    alpha?: number,
  ) =>
    request<ProfileRecommendationsResponse>(
      `${profilePath(credentials)}/recommendations${query({ genre, limit, alpha })}`,
      { signal },
      credentials,
    ),
  deleteProfile: (credentials: ProfileCredentials) =>
    request<undefined>(profilePath(credentials), { method: 'DELETE' }, credentials),
};

/** True for the rejection an aborted request ends with: nothing to show for it. */
export const isAbort = (error: unknown): boolean =>
  error instanceof DOMException && error.name === 'AbortError';
