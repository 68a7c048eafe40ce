/*
 * banned.h: functions this project does not use, because a safer one exists.
 * Included into every translation unit by the build (-include), like git's banned.h.
 * strcpy/strcat/sprintf overflow silently; strtok keeps hidden state; localtime
 * returns a shared static buffer. Use zc_buf, snprintf, strtok_r and localtime_r.
 */
#ifndef ZC_BANNED_H
#define ZC_BANNED_H
#define ZC_BANNED(func) sorry_##func##_is_a_banned_function
#undef strcpy
#define strcpy(x, y) ZC_BANNED(strcpy)
#undef strcat
#define strcat(x, y) ZC_BANNED(strcat)
#undef sprintf
#define sprintf(...) ZC_BANNED(sprintf)
#undef vsprintf
#define vsprintf(...) ZC_BANNED(vsprintf)
#undef strtok
#define strtok(x, y) ZC_BANNED(strtok)
#undef localtime
#define localtime(t) ZC_BANNED(localtime)
#undef gmtime
#define gmtime(t) ZC_BANNED(gmtime)
#endif
