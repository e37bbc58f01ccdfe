"""The exit statuses of `policysite`, in one place (listed in `policysite --help` and README).

Scripts and CI tell the outcomes apart by them: a data problem is fixed in the YAML, a usage
error in the command, a CI refusal in the workflow.
"""

from __future__ import annotations

OK = 0
FAILED = 1  # the data has errors, a check failed, or the build failed (message on stderr)
USAGE = 2  # the command line is wrong: unknown option, bad value, refused output folder
REFUSED_IN_CI = 3  # an option a person may use locally but CI must not (--skip-checks)
INTERRUPTED = 130  # Ctrl+C or SIGTERM; the published site is unchanged

EPILOG = f"""\b
退出状态：
  {OK}    成功
  {FAILED}    数据有错误、检查未通过或生成失败（原因见上方信息）
  {USAGE}    命令用法有误（未知选项、取值不对、不能发布到指定文件夹）
  {REFUSED_IN_CI}    CI 中不允许的选项（如 --skip-checks）
  {INTERRUPTED}  已中断（Ctrl+C 或 SIGTERM）；已发布的网站保持不变"""
